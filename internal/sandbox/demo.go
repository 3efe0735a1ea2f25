package sandbox

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
)

// GenerateCSR makes a key and a PEM CSR for tests: keyType "rsa" (2048 bits)
// or "ecdsa" (P-256). The CSR's subject is a fixed placeholder: the API never
// reads names from the CSR.
func GenerateCSR(keyType string) (csrPEM, keyPEM string, err error) {
	var key crypto.Signer
	switch keyType {
	case "rsa":
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	case "ecdsa", "":
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	default:
		return "", "", fmt.Errorf("sandbox: unknown key type %q", keyType)
	}
	if err != nil {
		return "", "", err
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "sandbox-csr"}}, key)
	if err != nil {
		return "", "", err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})), nil
}

// DemoOrder describes one seeded demo order.
type DemoOrder struct {
	ID      int
	Product string
	Status  string
	Note    string
}

// SeedDemo fills the default account with orders in several states (for the
// digicert-sandbox command and manual exploration): issued DV and document
// signing orders, a DV order waiting for its DNS TXT record, one waiting for
// approval, a canceled one, and a subaccount with an issued and a pending
// order. It returns the subaccount's key and the orders.
func (s *Server) SeedDemo() (subaccountKey string, orders []DemoOrder, err error) {
	csr, _, err := GenerateCSR("ecdsa")
	if err != nil {
		return "", nil, err
	}
	dv := func(cn, method string, skip bool, extra ...string) []byte {
		b, _ := json.Marshal(map[string]any{
			"certificate":    map[string]any{"common_name": cn, "dns_names": extra, "csr": csr, "server_platform": map[string]any{"id": 45}},
			"validity_years": 1, "dcv_method": method, "skip_approval": skip,
		})
		return b
	}
	key := s.APIKey()
	add := func(apiKey, product string, body []byte, note string, then func(int) error) error {
		id, err := s.CreateOrder(apiKey, product, body)
		if err != nil {
			return err
		}
		if then != nil {
			if err := then(id); err != nil {
				return err
			}
		}
		o, _ := s.Order(id)
		if o.DCVMethod == "dns-txt-token" && o.Status == StatusPending {
			note += fmt.Sprintf(" (publish TXT %s = %s, then PUT check-dcv)", baseName(o.CommonName), o.DCVRandomValue)
		}
		orders = append(orders, DemoOrder{ID: id, Product: product, Status: o.Status, Note: note})
		return nil
	}
	var dsBody = []byte(`{"certificate":{"server_platform":{"id":21},"signature_hash":"sha256"},"cs_provisioning_method":"client_app",
		"validity_years":1,"organization":{"id":334455},"container":{"id":221122},
		"subject":{"name":"Rene Pierce","job_title":"School Counselor","phone":"054-139-0798","email":"rene.pierce@example.com"},
		"csa_agreed_to":1,"skip_approval":true,"payment_method":"balance"}`)
	steps := []func() error{
		func() error {
			return add(key, "ssl_dv_geotrust", dv("www.example.com", "dns-txt-token", true, "example.com"), "issued via DNS TXT", s.CompleteDCV)
		},
		func() error {
			return add(key, "wildcard_dv_rapidssl", dv("*.example.org", "dns-txt-token", true, "example.org"), "waiting for DCV", nil)
		},
		func() error {
			return add(key, "cloud_dv_geotrust", dv("shop.example.net", "http-token", false), "waiting for approval", nil)
		},
		func() error {
			return add(key, "ssl_dv_rapidssl", dv("old.example.com", "email", true), "canceled", func(id int) error { return s.SetOrderStatus(id, StatusCanceled) })
		},
		func() error {
			return add(key, "document_signing_org_1", dsBody, "issued document signing", s.IssueOrder)
		},
		func() error {
			return add(key, "document_signing_org_2", dsBody, "organization validation pending", nil)
		},
		func() error {
			// A prevalidated organization and domain: an OV order for it
			// issues in its POST.
			org, _, err := s.PrevalidatedOrganization(key, []byte(`{"name":"Demo Organization","address":"2801 N Thanksgiving Way",
				"city":"Lehi","state":"Utah","zip":"84043","country":"us","telephone":"801-701-9600"}`), []string{"ov", "ev"}, "example.io")
			if err != nil {
				return err
			}
			body, _ := json.Marshal(map[string]any{
				"certificate":  map[string]any{"common_name": "www.example.io", "dns_names": []string{"example.io"}, "csr": csr, "signature_hash": "sha256"},
				"organization": map[string]any{"id": org}, "validity_years": 1, "skip_approval": true,
			})
			return add(key, "ssl_basic", body, fmt.Sprintf("OV, issued at once (organization %d prevalidated, domain example.io)", org), nil)
		},
	}
	for _, st := range steps {
		if err := st(); err != nil {
			return "", nil, err
		}
	}
	sub, err := s.NewSubaccount(key, "enterprise")
	if err != nil {
		return "", nil, err
	}
	if err := add(sub, "ssl_dv_geotrust", dv("sub.example.com", "email", true), "subaccount, issued", s.ApproveEmailDCV); err != nil {
		return "", nil, err
	}
	if err := add(sub, "ssl_dv_rapidssl", dv("pending.sub.example.com", "dns-cname-token", true), "subaccount, waiting for DCV", nil); err != nil {
		return "", nil, err
	}
	return sub, orders, nil
}
