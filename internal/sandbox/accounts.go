package sandbox

import (
	"crypto/rand"
	"fmt"
	"sort"
	"strconv"
)

// APIKey is the default account's key.
func (s *Server) APIKey() string { return s.defKey }

// NewAccount creates a new, independent account (its own orders,
// organization, container, custom field and subaccount) and returns its API
// key. viewOnly makes that key View Only (GET requests only).
func (s *Server) NewAccount(viewOnly bool) (apiKey string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextID.account
	s.nextID.account++
	a := &account{
		id: id, name: "account-" + strconv.Itoa(id),
		user:         user{ID: s.newUserID(), FirstName: "Account", LastName: strconv.Itoa(id), Email: fmt.Sprintf("admin-%d@example.org", id)},
		containers:   map[int]*container{},
		customFields: map[int]*customField{},
		subDocs:      map[int][]byte{},
	}
	cid := s.newContainerID()
	a.containers[cid] = &container{ID: cid, Name: "Headquarters"}
	a.orgs = []*organization{{ID: s.newOrgID(), Name: fmt.Sprintf("Account %d Inc.", id), Address: "1 Main Street",
		City: "Lehi", State: "ut", Zip: "84043", Country: "us", Telephone: "801-555-0000"}}
	fid := s.nextID.field
	s.nextID.field++
	a.customFields[fid] = &customField{ID: fid, Label: "Cost center"}
	s.accounts = append(s.accounts, a)
	return s.addKeyLocked(a, viewOnly)
}

// NewSubaccount creates a subaccount under the account of parentKey and
// returns the subaccount's own API key. Orders placed with that key are
// visible to the parent through GET /account/subaccount/order/{id}.
func (s *Server) NewSubaccount(parentKey, accountType string) (apiKey string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.keys[parentKey]
	if k == nil {
		return "", fmt.Errorf("sandbox: unknown API key")
	}
	if accountType == "" {
		accountType = "enterprise"
	}
	id := s.nextID.subaccount
	s.nextID.subaccount++
	a := &account{
		id: id, name: "subaccount-" + strconv.Itoa(id), parent: k.acct, accountType: accountType,
		user:         user{ID: s.newUserID(), FirstName: "Sub", LastName: strconv.Itoa(id), Email: fmt.Sprintf("sub-%d@example.org", id)},
		containers:   map[int]*container{},
		customFields: map[int]*customField{},
		subDocs:      map[int][]byte{},
	}
	cid := s.newContainerID()
	a.containers[cid] = &container{ID: cid, Name: "Subaccount container"}
	a.orgs = []*organization{{ID: s.newOrgID(), Name: fmt.Sprintf("Subaccount %d organization", id), Address: "1 Sub Street",
		City: "Lehi", State: "ut", Zip: "84043", Country: "us", Telephone: "801-555-0100"}}
	k.acct.subaccounts = append(k.acct.subaccounts, a)
	s.accounts = append(s.accounts, a)
	return s.addKeyLocked(a, false), nil
}

// AddAPIKey adds another key to the account of existingKey (viewOnly makes it
// a View Only key on the same orders).
func (s *Server) AddAPIKey(existingKey string, viewOnly bool) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.keys[existingKey]
	if k == nil {
		return "", fmt.Errorf("sandbox: unknown API key")
	}
	return s.addKeyLocked(k.acct, viewOnly), nil
}

// RevokeAPIKey makes key answer 403 access_denied_invalid_key from now on.
func (s *Server) RevokeAPIKey(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k := s.keys[key]; k != nil {
		k.revoked = true
	}
}

// AccountOf names the account of an API key ("default", "account-6001", ...),
// the value found in Order.Account.
func (s *Server) AccountOf(apiKey string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k := s.keys[apiKey]; k != nil {
		return k.acct.name
	}
	return ""
}

// AccountInfo describes an account's seed data.
type AccountInfo struct {
	Name            string
	ID              int
	ContainerIDs    []int
	OrganizationIDs []int
	CustomFieldIDs  []int
	SubaccountIDs   []int
}

// Account describes the account of apiKey.
func (s *Server) Account(apiKey string) (AccountInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.keys[apiKey]
	if k == nil {
		return AccountInfo{}, false
	}
	a := k.acct
	info := AccountInfo{Name: a.name, ID: a.id}
	for id := range a.containers {
		info.ContainerIDs = append(info.ContainerIDs, id)
	}
	for _, o := range a.orgs {
		info.OrganizationIDs = append(info.OrganizationIDs, o.ID)
	}
	for id := range a.customFields {
		info.CustomFieldIDs = append(info.CustomFieldIDs, id)
	}
	for _, sa := range a.subaccounts {
		info.SubaccountIDs = append(info.SubaccountIDs, sa.id)
	}
	sort.Ints(info.ContainerIDs)
	sort.Ints(info.CustomFieldIDs)
	return info, true
}

// AddCustomField adds an account custom field; required ones must then be
// sent in custom_fields on every order of that account.
func (s *Server) AddCustomField(apiKey, label string, required bool) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := s.keys[apiKey]
	if k == nil {
		return 0, fmt.Errorf("sandbox: unknown API key")
	}
	id := s.nextID.field
	s.nextID.field++
	k.acct.customFields[id] = &customField{ID: id, Label: label, Required: required}
	return id, nil
}

func (s *Server) addKeyLocked(a *account, viewOnly bool) string {
	key := randomKey()
	s.keys[key] = &apiKey{key: key, acct: a, viewOnly: viewOnly}
	return key
}

func (s *Server) newOrgID() int {
	id := s.nextID.org
	s.nextID.org++
	return id
}

func (s *Server) newContainerID() int {
	id := s.nextID.container
	s.nextID.container++
	return id
}

func (s *Server) newUserID() int {
	id := s.nextID.user
	s.nextID.user++
	return id
}

const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

func randomKey() string {
	b := make([]byte, 48)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = keyAlphabet[int(b[i])%len(keyAlphabet)]
	}
	return string(b)
}
