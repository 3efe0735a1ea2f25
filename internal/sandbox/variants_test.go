package sandbox

import (
	"net/http"
	"strconv"
	"testing"
)

func TestFaultTypeVariants(t *testing.T) {
	s := newTestServer(t, Options{})
	id := placeOrder(t, s, "ssl_dv_geotrust", set(dvBody(t, "email", "example.com"), "alternative_order_id", "k1"))
	s.InjectFault(Fault{Kind: FaultTypeVariants, PathPrefix: "/order/certificate/" + strconv.Itoa(id), Count: 1})
	info := call(t, s, "GET", "/order/certificate/"+strconv.Itoa(id), s.APIKey(), nil).json(t)
	if info["id"] != strconv.Itoa(id) {
		t.Errorf("id %#v, want the string %q", info["id"], strconv.Itoa(id))
	}
	if c := asMap(t, info["certificate"]); c["id"] == nil || asString(t, c["id"]) == "" {
		t.Errorf("certificate.id %#v, want a string", c["id"])
	}
	if org, ok := info["organization"].([]any); !ok || len(org) != 0 {
		t.Errorf("organization %#v, want []", info["organization"])
	}
	if info["is_renewal"] != "0" || info["is_renewed"] != "0" {
		t.Errorf("is_renewal %#v is_renewed %#v, want \"0\"", info["is_renewal"], info["is_renewed"])
	}
	if info["alternative_order_id"] != "k1" || info["status"] != "pending" {
		t.Errorf("strings changed: %v %v", info["alternative_order_id"], info["status"])
	}
	// The fault was used up: the next answer is typed as documented.
	if plain := call(t, s, "GET", "/order/certificate/"+strconv.Itoa(id), s.APIKey(), nil).json(t); plain["id"] != float64(id) {
		t.Errorf("after the fault: id %#v", plain["id"])
	}

	s.InjectFault(Fault{Kind: FaultTypeVariants, PathPrefix: "/order/certificate/999", Count: 1})
	r := call(t, s, "GET", "/order/certificate/999", s.APIKey(), nil)
	mustStatus(t, r, http.StatusNotFound)
	if want := `{"errors":{"code":"not_found|order","message":"` + asString(t, asMap(t, asSlice(t, call(t, s, "GET", "/order/certificate/999", s.APIKey(), nil).json(t)["errors"])[0])["message"]) + `"}}`; string(r.Body) != want {
		t.Fatalf("error body\n got %s\nwant %s", r.Body, want)
	}
}
