// Package sandbox is an in-memory fake of the DigiCert CertCentral Services
// API v2 that speaks real HTTP. Every acceptance test of the provider runs
// against it, so it follows DigiCert's public API pages, as summarised with
// their addresses in CERTCENTRAL.md, never the client in internal/certcentral
// (DESIGN.md, The sandbox).
//
// Layout:
//
//	sandbox.go       Options, Server, seeding, listening
//	accounts.go      accounts, subaccounts, API keys, custom fields, IDs
//	clock.go         the sandbox clock (Now, SetNow, Advance)
//	http.go          request pipeline: faults, auth, rate limits, recording, routing
//	jsonv.go         strict JSON body walker (types, required, unknown fields)
//	products.go      the products and the shared field rules
//	order_dv.go      POST for the five DV SSL products (the Order DV SSL page)
//	order_ds.go      POST for document_signing_org_1/2 and ds_org_individual
//	orders.go        the order record, commit, lookup
//	order_info.go    order info and list (JSON shapes)
//	order_status.go  cancel and revoke
//	alternate.go     alternative_order_id and GET /order/alternate/{id}
//	statuschanges.go status change recording and GET /order/certificate/status-changes
//	status.go        the one function that changes an order's status
//	coverage.go      order coverage vs certificate validity, Multi-year Plans
//	reissue.go       POST /order/certificate/{id}/reissue, earlier certificates
//	reissue_control.go Go control API for reissues, snapshots
//	caa.go           CAA checks against the sandbox DNS zone
//	dcv.go           DNS zone, HTTP files, random values, check-dcv
//	ca.go            sandbox CA chain and real X.509 issuance, download
//	subaccount.go    GET /account/subaccount/order/{id} and its fixtures
//	control.go       Go control API for tests
//	admin.go         /sandbox admin HTTP endpoints
//	demo.go          GenerateCSR and SeedDemo (used by cmd/digicert-sandbox)
//	faults.go        fault injection
//	variants.go      the type-varying answers of FaultTypeVariants
//	ratelimit.go     rolling-window rate limiter
//	validation.go    DCV reuse schedule, organization validation state
//	orgs.go          organization create, info, list, submit for validation
//	domains.go       domain add, info, list
//	domain_dcv.go    domain DCV: method, token, validate-token; ValidateDomain/Organization
//	order_ovev.go    OV/EV orders: validation, issuance when validations are current
//	order_duplicate.go duplicates, and which certificate IDs can be downloaded
//	product_info.go  GET /product, GET /product/{name_id}
//	chain.go         GET /certificate/{id}/chain
//	download_formats.go pem, p7b and platform download bodies
//	user.go          GET /user/{id|me}
//	control_orgs.go  PrevalidatedOrganization, SetDomainValidated (test fixtures)
package sandbox

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Options configures a Server.
type Options struct {
	// RateLimits are the per-key rolling windows. nil means the documented
	// defaults (100 per 5 s and 1000 per 3 min); an empty non-nil slice turns
	// rate limiting off.
	RateLimits []Window
	// Latency is added to every /services/v2 request.
	Latency time.Duration
	// Now is the sandbox clock's start; zero means time.Now() at New.
	Now time.Time
	// FrozenClock stops the sandbox clock from following wall time: it then
	// moves only through SetNow and Advance. Rate limits always use wall time.
	FrozenClock bool
	// RejectUnknownFields turns body fields that the product's page does not
	// document into 400 invalid_value:<field>. By default they are accepted
	// (as the real API ignores them) and listed in Order.UnknownFields.
	RejectUnknownFields bool
	// Logf, when set, receives one line per request and per notable event.
	Logf func(format string, args ...any)
	// MaxCertDays caps the lifetime of DV certificates (0 means 199, the cap
	// since 24 Feb 2026; tests of later eras set 100 or 47). Orders keep their
	// own coverage; see coverage.go.
	MaxCertDays int
	// NoMultiYearPlans makes every account one without Multi-year Plans: an
	// order covers at most one year. By default accounts have them, so the
	// seed page's validity_years 2 keeps working. SetMultiYearPlans changes
	// one account.
	NoMultiYearPlans bool
	// DCVReuseDays is how long a completed domain validation lets a reissue
	// of a DV order skip DCV for that name (0 means 397). Domains
	// (domains.go) follow the dated reuse schedule of validation.go.
	DCVReuseDays int
	// OrgValidationDelay completes an organization validation that long
	// (sandbox clock) after it was submitted; 0 leaves it pending until
	// ValidateOrganization.
	OrgValidationDelay time.Duration
}

// Window is one rolling rate-limit window.
type Window struct {
	Requests int
	Per      time.Duration
}

// DefaultRateLimits are the windows of CERTCENTRAL.md, Rate limits (the
// 3-minute window is the current page; older pages said 5 minutes).
var DefaultRateLimits = []Window{{Requests: 100, Per: 5 * time.Second}, {Requests: 1000, Per: 3 * time.Minute}}

// Seed identifiers of the default account: the IDs the documented example
// requests use, so those examples are accepted verbatim.
const (
	DefaultAccountID         = 5001
	DefaultContainerID       = 69748  // the Order DV SSL page example
	DocSigningContainerID    = 221122 // the Order document signing certificate page example
	DefaultOrganizationID    = 334455 // the Order document signing certificate page example
	DefaultCustomFieldID     = 12     // the Order DV SSL page example custom_fields[].metadata_id
	DefaultSubaccountID      = 123445 // the Subaccount order info page example 1
	DefaultUserID            = 7001
	firstOrderID             = 1000001
	firstCertificateID       = 2000001
	firstRequestID           = 3000001
	firstGeneratedOrgID      = 400001
	firstGeneratedContainer  = 500001
	firstGeneratedCustomFld  = 600001
	firstGeneratedAccountID  = 6001
	firstGeneratedSubaccount = 700001
	firstGeneratedDomain     = 800001
)

// Server is one sandbox instance. All methods are safe for concurrent use.
type Server struct {
	opts Options

	mu       stateMutex // its Unlock records status changes (statuschanges.go)
	clk      clock
	keys     map[string]*apiKey
	accounts []*account
	orders   map[int]*order
	certs    map[int]*order // certificate ID -> order
	nextID   struct{ order, cert, request, org, container, field, account, user, subaccount, domain int }
	domains  map[int]*domain // domains.go
	waiting  map[int]*order  // OV/EV orders waiting for validation (order_ovev.go)
	dns      map[dnsKey][]string
	files    map[string]string
	faults   []*faultState
	limiter  *limiter
	rateHits int
	reqs     []Request
	defKey   string
	ca       *certAuthority
	feed     statusFeed
	acme     acmeStore // acme.go

	srv      *http.Server
	ln       net.Listener
	handler  http.Handler
	closeMux sync.Once
}

type apiKey struct {
	key      string
	acct     *account
	viewOnly bool
	revoked  bool
}

type account struct {
	id           int
	name         string // "default", "account-6001", ...
	parent       *account
	accountType  string // subaccount type shown to the parent
	user         user
	containers   map[int]*container
	orgs         []*organization // creation order: the "oldest" match wins
	customFields map[int]*customField
	subaccounts  []*account
	subDocs      map[int][]byte // seeded subaccount order documents by order ID
	multiYear    *bool          // nil: Options.NoMultiYearPlans decides (coverage.go)
}

type user struct {
	ID        int    `json:"id"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Email     string `json:"email"`
}

type container struct {
	ID   int
	Name string
}

type organization struct {
	ID          int
	Name        string
	AssumedName string
	Address     string
	Address2    string
	City        string
	State       string
	Zip         string
	Country     string
	Telephone   string

	// Organization endpoints (orgs.go). The seeded organizations have no
	// validations; organizations made by document signing orders neither.
	created     time.Time
	container   *container
	contact     map[string]string // organization_contact
	validations map[string]*orgValidation
}

func (o *organization) displayName() string {
	if o.AssumedName != "" {
		return o.Name + " (" + o.AssumedName + ")"
	}
	return o.Name
}

type customField struct {
	ID       int
	Label    string
	Required bool
}

// New builds a server: the sandbox CA, the default account with the
// documented seed IDs, and its subaccount. It does not listen; see Start or
// Handler.
func New(opts Options) *Server {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	windows := opts.RateLimits
	if windows == nil {
		windows = DefaultRateLimits
	}
	s := &Server{
		opts:    opts,
		clk:     clock{base: now.UTC(), start: time.Now(), frozen: opts.FrozenClock},
		keys:    map[string]*apiKey{},
		orders:  map[int]*order{},
		certs:   map[int]*order{},
		domains: map[int]*domain{},
		dns:     map[dnsKey][]string{},
		files:   map[string]string{},
		limiter: newLimiter(windows),
	}
	s.mu.beforeUnlock = s.noteStatusChangesOnUnlock
	s.nextID.order = firstOrderID
	s.nextID.cert = firstCertificateID
	s.nextID.request = firstRequestID
	s.nextID.org = firstGeneratedOrgID
	s.nextID.container = firstGeneratedContainer
	s.nextID.field = firstGeneratedCustomFld
	s.nextID.account = firstGeneratedAccountID
	s.nextID.user = DefaultUserID + 1
	s.nextID.subaccount = firstGeneratedSubaccount
	s.nextID.domain = firstGeneratedDomain
	ca, err := newCertAuthority()
	if err != nil {
		// Only crypto/rand failing can cause this; nothing sensible remains.
		panic(fmt.Sprintf("sandbox: building the CA: %v", err))
	}
	s.ca = ca

	def := &account{
		id:   DefaultAccountID,
		name: "default",
		user: user{ID: DefaultUserID, FirstName: "Sandbox", LastName: "Admin", Email: "admin@example.com"},
		containers: map[int]*container{
			DefaultContainerID:    {ID: DefaultContainerID, Name: "Headquarters"},
			DocSigningContainerID: {ID: DocSigningContainerID, Name: "Document Signing"},
		},
		orgs: []*organization{{
			ID: DefaultOrganizationID, Name: "Real Organization, LLC", AssumedName: "Real Organization",
			Address: "2801 N Thanksgiving Way", City: "Lehi", State: "ut", Zip: "84043", Country: "us",
			Telephone: "801-701-9600",
		}},
		customFields: map[int]*customField{DefaultCustomFieldID: {ID: DefaultCustomFieldID, Label: "Invoice number"}},
		subDocs:      map[int][]byte{},
	}
	sub := &account{
		id: DefaultSubaccountID, name: "subaccount-" + strconv.Itoa(DefaultSubaccountID), parent: def,
		accountType: "enterprise",
		user:        user{ID: s.newUserID(), FirstName: "Sub", LastName: "Admin", Email: "sub.admin@example.com"},
		containers:  map[int]*container{},
		orgs: []*organization{{ID: s.newOrgID(), Name: "Sub account organization", Address: "1 Sub Street",
			City: "Lehi", State: "ut", Zip: "84043", Country: "us", Telephone: "801-555-0100"}},
		customFields: map[int]*customField{},
		subDocs:      map[int][]byte{},
	}
	subContainer := s.newContainerID()
	sub.containers[subContainer] = &container{ID: subContainer, Name: "Subaccount container"}
	def.subaccounts = append(def.subaccounts, sub)
	s.accounts = append(s.accounts, def, sub)
	s.defKey = s.addKeyLocked(def, false)
	s.addKeyLocked(sub, false)

	// Seed two of the four documented subaccount examples under their own
	// IDs. Examples 1 and 4 share ID 123456 and examples 2 and 3 share ID
	// 12345678, so only one of each pair can be served at a time; tests that
	// want 3 or 4 call SeedSubaccountOrder, which replaces the document.
	ex := DocumentedSubaccountExamples()
	def.subDocs[123456] = ex[0]
	def.subDocs[12345678] = ex[1]

	s.handler = http.HandlerFunc(s.serveHTTP)
	return s
}

// Start listens on 127.0.0.1 on a free port and serves in the background.
func (s *Server) Start() error { return s.Listen("127.0.0.1:0") }

// Listen serves on the given loopback address (for the command's -addr flag).
func (s *Server) Listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("sandbox: listening on %s: %w", addr, err)
	}
	s.mu.Lock()
	s.ln = ln
	s.srv = &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	srv := s.srv
	s.mu.Unlock()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logf("sandbox: serve: %v", err)
		}
	}()
	return nil
}

// Handler is the whole sandbox (API under /services/v2, admin under
// /sandbox) as an http.Handler, for httptest or in-process use.
func (s *Server) Handler() http.Handler { return s.handler }

// Close stops the listener and drops open connections.
func (s *Server) Close() {
	s.closeMux.Do(func() {
		s.mu.Lock()
		srv := s.srv
		s.mu.Unlock()
		if srv != nil {
			_ = srv.Close()
		}
	})
}

// Start is New + Start for tests: the server is closed by t.Cleanup and a
// failure to listen fails the test.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := New(opts)
	if err := s.Start(); err != nil {
		t.Fatalf("starting the DigiCert sandbox: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

func (s *Server) baseURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return "http://sandbox.invalid"
	}
	return "http://" + s.ln.Addr().String()
}

// URL is the API base URL, e.g. http://127.0.0.1:41234/services/v2 (the
// provider's base_url).
func (s *Server) URL() string { return s.baseURL() + apiPrefix }

// AdminURL is the admin base URL, e.g. http://127.0.0.1:41234/sandbox.
func (s *Server) AdminURL() string { return s.baseURL() + adminPrefix }

func (s *Server) logf(format string, args ...any) {
	if s.opts.Logf != nil {
		s.opts.Logf(format, args...)
	}
}
