package bench

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// Bringing N existing orders into state.
//
// Importing them costs what it costs in real life: `terraform import` is
// one CLI run per order, and import blocks (Terraform 1.5, OpenTofu) read
// every order and download every issued certificate (2N calls) before the
// first plan we could measure; at N = 2000 that is 4000 calls, 12 minutes of
// rate limit. Neither is what the benchmark measures. So the state is
// written directly, from a template the provider itself produced:
//
//  1. one order is brought in the way a user would, by a refresh: a state
//     holding only its ID and the configuration's arguments, then
//     `apply -refresh-only` (the provider reads the order and downloads the
//     certificate, and the CLI writes the state);
//  2. that instance is the template: every other instance is a copy with the
//     values that differ per order (ID, certificate ID, serial, thumbprint,
//     dates, PEMs, common name) taken from the sandbox's record of the order,
//     formatted as the API answers them;
//  3. the copy made for the template's own order must equal the template,
//     attribute for attribute, or the benchmark stops: so the formats are
//     checked against what the provider really wrote;
//  4. the first measured plan then proves the state right once more: no
//     drift, no planned change, no order read in full and no certificate
//     download (the instances carry the template's private state, so the
//     status-changes feed vouches for them; a wrong status or certificate ID
//     would make the provider read the order); and the per-order plan (the
//     feed off) reads every order once and downloads nothing (a wrong
//     thumbprint or PEM would trigger a download).

const benchProduct = "ssl_dv_geotrust"

// CommonName is the common name of order index i.
func CommonName(i int) string { return fmt.Sprintf("host%d.bench.example.com", i) }

// OrdersConfig is main.tf for count DV orders. The provider reads its API
// key and base URL from DIGICERT_API_KEY and DIGICERT_BASE_URL; the client
// rate limits and the feed-based refresh are variables so one run can change
// them (null keeps the provider's defaults: CertCentral's published limits,
// the feed on).
func OrdersConfig(count int, csr string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    digicert = {
      source = %q
    }
  }
}

variable "requests_per_5_seconds" {
  type    = number
  default = null
}

variable "requests_per_3_minutes" {
  type    = number
  default = null
}

variable "refresh_with_status_changes" {
  type    = bool
  default = null
}

provider "digicert" {
  requests_per_5_seconds      = var.requests_per_5_seconds
  requests_per_3_minutes      = var.requests_per_3_minutes
  refresh_with_status_changes = var.refresh_with_status_changes
}

locals {
  csr = %q
}

resource "digicert_dv_ssl_order" "o" {
  count           = %d
  product_name_id = %q
  certificate = {
    common_name = "host${count.index}.bench.example.com"
    csr         = local.csr
  }
  validity_years = 1
  dcv_method     = "dns-txt-token"
  skip_approval  = true
}
`, ProviderSource, csr, count, benchProduct)
}

// SeedBody is the order body the configuration above sends for index i.
func SeedBody(i int, csr string) []byte {
	b, err := json.Marshal(map[string]any{
		"certificate":    map[string]any{"common_name": CommonName(i), "csr": csr},
		"validity_years": 1,
		"dcv_method":     "dns-txt-token",
		"skip_approval":  true,
	})
	if err != nil {
		panic(err) // only plain values
	}
	return b
}

// SeedOrders places and issues n orders with apiKey through the sandbox's
// control API (no HTTP, no rate limit) and returns their IDs by index.
func SeedOrders(s *sandbox.Server, apiKey string, n int, csr string) ([]int, error) {
	ids := make([]int, n)
	for i := range n {
		id, err := s.CreateOrder(apiKey, benchProduct, SeedBody(i, csr))
		if err != nil {
			return nil, fmt.Errorf("seeding order %d: %w", i, err)
		}
		if err := s.IssueOrder(id); err != nil {
			return nil, fmt.Errorf("issuing order %d: %w", id, err)
		}
		ids[i] = id
	}
	return ids, nil
}

// MinimalState is a state holding order orderID as instance 0 of
// digicert_dv_ssl_order.o: its ID and the configuration's arguments, the
// rest null, as a state looks before its first refresh.
func MinimalState(cli CLI, orderID int, csr string) []byte {
	state := map[string]any{
		"version":           4,
		"terraform_version": cli.Version,
		"serial":            1,
		"lineage":           "00000000-0000-4000-8000-00000000bec4",
		"outputs":           map[string]any{},
		"resources": []any{map[string]any{
			"mode":     "managed",
			"type":     "digicert_dv_ssl_order",
			"name":     "o",
			"provider": cli.ProviderAddress(),
			"instances": []any{map[string]any{
				"index_key":      0,
				"schema_version": 0,
				"attributes": map[string]any{
					"id":              strconv.Itoa(orderID),
					"product_name_id": benchProduct,
					"certificate": map[string]any{
						"common_name": CommonName(0), "csr": csr,
						"dns_names": nil, "organization_units": nil, "server_platform": nil,
					},
					"validity_years": 1,
					"dcv_method":     "dns-txt-token",
					"skip_approval":  true,
					"on_destroy":     "cancel",
					// What the plan records for an unset argument; a
					// refresh leaves arguments as they are.
					"allow_renewal_orders": true,
				},
				"sensitive_attributes": []any{},
			}},
		}},
	}
	b, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		panic(err)
	}
	return b
}

// OrderFacts are the values that differ from one issued order to another,
// formatted as CertCentral's order info gives them.
type OrderFacts struct {
	ID, CertificateID int
	Status            string
	DateCreated       string // 2019-06-21T09:06:47+00:00
	SerialNumber      string
	Thumbprint        string
	ValidFrom         string // 2021-10-18
	ValidTill         string
	OrderValidFrom    string // 2021-10-18
	OrderValidTill    string
	RequestID         int // the order's own request (no reissue yet)
	DaysRemaining     int
	CommonName        string
	LeafPEM           string
	NotAfter          string // RFC 3339, from the leaf
}

// FactsOf reads the facts of a sandbox order at sandbox time now.
func FactsOf(o sandbox.Order, now time.Time) (OrderFacts, error) {
	block, _ := pem.Decode([]byte(o.CertificatePEM))
	if block == nil {
		return OrderFacts{}, fmt.Errorf("order %d has no certificate", o.ID)
	}
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return OrderFacts{}, fmt.Errorf("order %d: %w", o.ID, err)
	}
	days := max(int(o.ValidTill.Sub(now).Hours()/24), 0)
	return OrderFacts{
		ID: o.ID, CertificateID: o.CertificateID, Status: o.Status,
		DateCreated:  o.DateCreated.UTC().Format("2006-01-02T15:04:05-07:00"),
		SerialNumber: o.SerialNumber, Thumbprint: o.Thumbprint,
		ValidFrom: o.ValidFrom.UTC().Format("2006-01-02"), ValidTill: o.ValidTill.UTC().Format("2006-01-02"),
		OrderValidFrom: o.OrderValidFrom.UTC().Format("2006-01-02"), OrderValidTill: o.OrderValidTill.UTC().Format("2006-01-02"),
		RequestID:     o.RequestID,
		DaysRemaining: days, CommonName: o.CommonName, LeafPEM: o.CertificatePEM,
		NotAfter: leaf.NotAfter.UTC().Format(time.RFC3339),
	}, nil
}

// StateTemplate is a state whose one instance the provider wrote.
type StateTemplate struct {
	state    map[string]any
	instance map[string]any
}

// ParseStateTemplate reads terraform.tfstate after the template refresh.
func ParseStateTemplate(raw []byte) (*StateTemplate, error) {
	var state map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&state); err != nil {
		return nil, fmt.Errorf("reading the template state: %w", err)
	}
	resources, _ := state["resources"].([]any)
	if len(resources) != 1 {
		return nil, fmt.Errorf("the template state has %d resources, want 1", len(resources))
	}
	res, _ := resources[0].(map[string]any)
	instances, _ := res["instances"].([]any)
	if len(instances) != 1 {
		return nil, fmt.Errorf("the template state has %d instances, want 1", len(instances))
	}
	inst, _ := instances[0].(map[string]any)
	attrs, ok := inst["attributes"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the template instance has no attributes")
	}
	if _, ok := attrs["certificate"].(map[string]any); !ok {
		return nil, fmt.Errorf("the template instance has no certificate object")
	}
	return &StateTemplate{state: state, instance: inst}, nil
}

// Attributes is the template instance's attributes.
func (t *StateTemplate) Attributes() map[string]any {
	a, _ := t.instance["attributes"].(map[string]any)
	return a
}

// Instance is the template with the facts of another order, at index.
func (t *StateTemplate) Instance(index int, f OrderFacts) map[string]any {
	// ParseStateTemplate checked every shape asserted here.
	inst, _ := deepCopy(t.instance).(map[string]any)
	inst["index_key"] = index
	a, _ := inst["attributes"].(map[string]any)
	a["id"] = strconv.Itoa(f.ID)
	a["certificate_id"] = json.Number(strconv.Itoa(f.CertificateID))
	a["status"] = f.Status
	a["date_created"] = f.DateCreated
	a["serial_number"] = f.SerialNumber
	a["thumbprint"] = f.Thumbprint
	a["valid_from"] = f.ValidFrom
	a["valid_till"] = f.ValidTill
	a["order_valid_from"] = f.OrderValidFrom
	a["order_valid_till"] = f.OrderValidTill
	a["request_id"] = json.Number(strconv.Itoa(f.RequestID))
	a["days_remaining"] = json.Number(strconv.Itoa(f.DaysRemaining))
	a["certificate_pem"] = f.LeafPEM
	chain, _ := a["chain_pem"].(string)
	a["full_chain_pem"] = f.LeafPEM + chain
	a["not_after"] = f.NotAfter
	cert, _ := a["certificate"].(map[string]any)
	cert["common_name"] = f.CommonName
	return inst
}

// Check fails unless the copy made from the template order's own facts is
// the template itself.
func (t *StateTemplate) Check(f OrderFacts) error {
	got, err := canonicalJSON(t.Instance(0, f))
	if err != nil {
		return err
	}
	want, err := canonicalJSON(t.instance)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, want) {
		var g, w map[string]any
		_ = json.Unmarshal(got, &g)
		_ = json.Unmarshal(want, &w)
		ga, _ := g["attributes"].(map[string]any)
		wa, _ := w["attributes"].(map[string]any)
		var diffs []string
		for k := range wa {
			if !reflect.DeepEqual(ga[k], wa[k]) {
				diffs = append(diffs, fmt.Sprintf("%s: generated %v, provider wrote %v", k, ga[k], wa[k]))
			}
		}
		return fmt.Errorf("the generated instance differs from the one the provider wrote: %v", diffs)
	}
	return nil
}

// State is the template state with these instances.
func (t *StateTemplate) State(instances []map[string]any) ([]byte, error) {
	state, _ := deepCopy(t.state).(map[string]any)
	resources, _ := state["resources"].([]any)
	res, _ := resources[0].(map[string]any)
	list := make([]any, len(instances))
	for i, inst := range instances {
		list[i] = inst
	}
	res["instances"] = list
	return json.Marshal(state)
}

func canonicalJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var x any
	if err := json.Unmarshal(b, &x); err != nil {
		return nil, err
	}
	return json.Marshal(x)
}

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = deepCopy(e)
		}
		return l
	}
	return v
}
