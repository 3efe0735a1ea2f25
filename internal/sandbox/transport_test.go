package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRateLimit(t *testing.T) {
	s := newTestServer(t, Options{RateLimits: []Window{{Requests: 5, Per: time.Second}, {Requests: 8, Per: time.Minute}}})
	counts := map[int]int{}
	for i := 0; i < 8; i++ {
		counts[call(t, s, "GET", "/order/certificate", s.APIKey(), nil).Status]++
	}
	if counts[200] != 5 || counts[429] != 3 {
		t.Fatalf("statuses %v", counts)
	}
	r := call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", s.APIKey(), dvBody(t, "email", "example.com"))
	mustStatus(t, r, 429)
	var e struct{ Errors []ErrorEntry }
	_ = json.Unmarshal(r.Body, &e)
	if want := (ErrorEntry{Code: "request_limit_exceeded", Message: "Service unavailable, please limit request volume"}); len(e.Errors) != 1 || e.Errors[0] != want {
		t.Fatalf("body %s", r.Body)
	}
	if len(s.Orders()) != 0 {
		t.Fatal("a 429'd order was processed")
	}
	if s.RateLimited() != 4 {
		t.Fatalf("RateLimited %d", s.RateLimited())
	}
	// Another key has its own windows.
	other := s.NewAccount(false)
	mustStatus(t, call(t, s, "GET", "/order/certificate", other, nil), 200)
	// After the short window, the long one (8 per minute) still has 3 left.
	time.Sleep(1100 * time.Millisecond)
	counts = map[int]int{}
	for i := 0; i < 5; i++ {
		counts[call(t, s, "GET", "/order/certificate", s.APIKey(), nil).Status]++
	}
	if counts[200] != 3 || counts[429] != 2 {
		t.Fatalf("statuses after 1s %v", counts)
	}
	// Off.
	s.SetRateLimits([]Window{})
	for i := 0; i < 20; i++ {
		mustStatus(t, call(t, s, "GET", "/order/certificate", s.APIKey(), nil), 200)
	}
}

func TestDefaultRateLimit(t *testing.T) {
	s := Start(t, Options{Now: testNow})
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[int]int{}
	for i := 0; i < 130; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := call(t, s, "GET", "/order/certificate?limit=1", s.APIKey(), nil)
			mu.Lock()
			counts[r.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	if counts[200] != 100 || counts[429] != 30 {
		t.Fatalf("statuses %v, want 100 x 200 and 30 x 429 (100 per 5 s)", counts)
	}
}

func TestFaults(t *testing.T) {
	post := func(t *testing.T, s *Server) (*http.Response, []byte, error) {
		b, _ := json.Marshal(dvBody(t, "email", "example.com"))
		req, _ := http.NewRequest("POST", s.URL()+"/order/certificate/ssl_dv_geotrust", bytes.NewReader(b))
		req.Header.Set("X-DC-DEVKEY", s.APIKey())
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		return res, body, err
	}
	t.Run("latency", func(t *testing.T) {
		s := newTestServer(t, Options{})
		s.InjectFault(Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: FaultLatency, Latency: 150 * time.Millisecond, Count: 1})
		start := time.Now()
		res, _, err := post(t, s)
		if err != nil || res.StatusCode != 201 || time.Since(start) < 150*time.Millisecond {
			t.Fatalf("err %v status %v after %v", err, res, time.Since(start))
		}
		start = time.Now()
		if _, _, _ = post(t, s); time.Since(start) > 100*time.Millisecond {
			t.Fatal("latency fault applied beyond its count")
		}
	})
	t.Run("rate limit burst", func(t *testing.T) {
		s := newTestServer(t, Options{})
		s.InjectFault(Fault{Method: "GET", PathPrefix: "/order/certificate", Kind: FaultRateLimit, Count: 3})
		var got []int
		for i := 0; i < 4; i++ {
			got = append(got, call(t, s, "GET", "/order/certificate", s.APIKey(), nil).Status)
		}
		if !reflect.DeepEqual(got, []int{429, 429, 429, 200}) || s.RateLimited() != 3 {
			t.Fatalf("statuses %v, RateLimited %d", got, s.RateLimited())
		}
	})
	t.Run("status json and html", func(t *testing.T) {
		s := newTestServer(t, Options{})
		s.InjectFault(Fault{PathPrefix: "/order/certificate/*/check-dcv", Kind: FaultStatus, Status: 503, Count: 1})
		s.InjectFault(Fault{Method: "POST", Kind: FaultStatus, Status: 502, Body: HTMLErrorPage(502), Count: 1})
		r := call(t, s, "PUT", "/order/certificate/1/check-dcv", s.APIKey(), nil)
		mustStatus(t, r, 503)
		if r.codes(t)[0] != "server_error" {
			t.Fatal(r.codes(t))
		}
		res, body, err := post(t, s)
		if err != nil || res.StatusCode != 502 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !bytes.Contains(body, []byte("<html>")) {
			t.Fatalf("html fault: %v %v %s", err, res, body)
		}
		if len(s.Orders()) != 0 {
			t.Fatal("order created behind a 5xx fault")
		}
	})
	t.Run("drop before read", func(t *testing.T) {
		s := newTestServer(t, Options{})
		s.InjectFault(Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: FaultDropBeforeRead, Count: 1})
		if _, _, err := post(t, s); err == nil {
			t.Fatal("no transport error")
		}
		if len(s.Orders()) != 0 {
			t.Fatal("order created")
		}
		if res, _, err := post(t, s); err != nil || res.StatusCode != 201 {
			t.Fatalf("second attempt: %v %v", err, res)
		}
		reqs := s.Requests()
		if len(reqs) != 2 || reqs[0].Fault != FaultDropBeforeRead || reqs[0].Status != 0 || reqs[1].Status != 201 {
			t.Fatalf("recorded %+v", reqs)
		}
	})
	t.Run("drop after commit", func(t *testing.T) {
		s := newTestServer(t, Options{})
		s.InjectFault(Fault{Method: "POST", PathPrefix: "/order/certificate/", Kind: FaultDropAfterCommit, Count: 1})
		if _, _, err := post(t, s); err == nil {
			t.Fatal("no transport error")
		}
		if len(s.Orders()) != 1 {
			t.Fatal("order not committed")
		}
	})
	t.Run("body verbatim", func(t *testing.T) {
		s := newTestServer(t, Options{})
		s.InjectFault(Fault{Method: "GET", Kind: FaultBody, Status: 200, Body: `{"id": 1, "status": "quantum"}`, Count: 1})
		r := call(t, s, "GET", "/order/certificate/1", s.APIKey(), nil)
		if r.Status != 200 || string(r.Body) != `{"id": 1, "status": "quantum"}` {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		s := newTestServer(t, Options{})
		s.InjectFault(Fault{Method: "POST", Kind: FaultTruncateBody, Count: 1})
		res, body, err := post(t, s)
		if err != nil || res.StatusCode != 201 || json.Valid(body) {
			t.Fatalf("%v %v %s", err, res, body)
		}
		if len(s.Orders()) != 1 {
			t.Fatal("truncate fault must process the request")
		}
	})
	t.Run("extra fields and unknown status", func(t *testing.T) {
		s := newTestServer(t, Options{})
		id := placeOrder(t, s, "ssl_dv_geotrust", dvBody(t, "email", "example.com"))
		s.InjectFault(Fault{Method: "GET", Kind: FaultExtraFields, Count: 1})
		s.InjectFault(Fault{Method: "GET", Kind: FaultUnknownStatus, Count: 1, Body: "approved_by_cat"})
		m := call(t, s, "GET", "/order/certificate/"+strconv.Itoa(id), s.APIKey(), nil).json(t)
		if m["sandbox_unexpected_field"] == nil || m["status"] != "pending" {
			t.Fatalf("extra fields: %v", m)
		}
		m = call(t, s, "GET", "/order/certificate/"+strconv.Itoa(id), s.APIKey(), nil).json(t)
		if m["status"] != "approved_by_cat" {
			t.Fatalf("unknown status: %v", m["status"])
		}
		if m = call(t, s, "GET", "/order/certificate/"+strconv.Itoa(id), s.APIKey(), nil).json(t); m["status"] != "pending" {
			t.Fatal("faults outlived their count")
		}
	})
	t.Run("until cleared", func(t *testing.T) {
		s := newTestServer(t, Options{})
		s.InjectFault(Fault{Kind: FaultStatus, Status: 500})
		for i := 0; i < 3; i++ {
			mustStatus(t, call(t, s, "GET", "/order/certificate", s.APIKey(), nil), 500)
		}
		s.ClearFaults()
		mustStatus(t, call(t, s, "GET", "/order/certificate", s.APIKey(), nil), 200)
	})
}

func TestRecording(t *testing.T) {
	s := newTestServer(t, Options{})
	body := dvExampleBody(t)
	call(t, s, "POST", "/order/certificate/ssl_dv_geotrust", s.APIKey(), body)
	call(t, s, "GET", "/order/certificate?filters[status]=pending&limit=5", s.APIKey(), nil)
	call(t, s, "GET", "/order/certificate", "", nil)
	reqs := s.Requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests", len(reqs))
	}
	if reqs[0].Method != "POST" || reqs[0].Path != "/services/v2/order/certificate/ssl_dv_geotrust" || string(reqs[0].Body) != body || reqs[0].Status != 201 || !reqs[0].Time.Equal(testNow) || reqs[0].Account != "default" {
		t.Fatalf("request 0 %+v", reqs[0])
	}
	if reqs[1].RawQuery != "filters[status]=pending&limit=5" && reqs[1].RawQuery != "filters%5Bstatus%5D=pending&limit=5" {
		t.Fatalf("raw query %q", reqs[1].RawQuery)
	}
	if reqs[2].Status != 403 {
		t.Fatal(reqs[2].Status)
	}
	for _, r := range reqs {
		if bytes.Contains(r.Body, []byte(s.APIKey())) {
			t.Fatal("API key recorded")
		}
	}
	if n := s.CountRequests("GET", "/order/certificate"); n != 2 {
		t.Fatalf("count %d", n)
	}
	if n := s.CountRequests("", "/services/v2/order/certificate/ssl"); n != 1 {
		t.Fatalf("count %d", n)
	}
	s.ResetRequests()
	if len(s.Requests()) != 0 {
		t.Fatal("reset")
	}
}

func TestConcurrentOrders(t *testing.T) {
	s := newTestServer(t, Options{})
	body, _ := json.Marshal(dvBody(t, "dns-txt-token", "example.com"))
	const n = 300
	var wg sync.WaitGroup
	ids := make(chan int, n)
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", s.URL()+"/order/certificate/ssl_dv_geotrust", bytes.NewReader(body))
			req.Header.Set("X-DC-DEVKEY", s.APIKey())
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				errs <- err
				return
			}
			defer res.Body.Close()
			var m struct{ ID int }
			if err := json.NewDecoder(res.Body).Decode(&m); err != nil || res.StatusCode != 201 {
				errs <- errors.New("bad answer " + res.Status)
				return
			}
			ids <- m.ID
		}()
	}
	wg.Wait()
	close(ids)
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for id := range ids {
		if seen[id] {
			t.Fatalf("duplicate ID %d", id)
		}
		seen[id] = true
	}
	if len(seen) != n || len(s.Orders()) != n || s.CountRequests("POST", "") != n {
		t.Fatalf("%d ids, %d orders", len(seen), len(s.Orders()))
	}
}

func TestCreateOrderWithoutHTTP(t *testing.T) {
	s := newTestServer(t, Options{})
	body, _ := json.Marshal(dvBody(t, "email", "example.com"))
	for i := 0; i < 2000; i++ {
		if _, err := s.CreateOrder(s.APIKey(), "ssl_dv_geotrust", body); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.CreateOrder(s.APIKey(), "ssl_dv_geotrust", []byte(`{"validity_years": 7}`))
	var ae *APIError
	if !errors.As(err, &ae) || ae.Status != 400 {
		t.Fatalf("err %v", err)
	}
	r := call(t, s, "GET", "/order/certificate?limit=1000&offset=1500", s.APIKey(), nil).json(t)
	if len(asSlice(t, r["orders"])) != 500 || asFloat(t, asMap(t, r["page"])["total"]) != 2000 {
		t.Fatal("paging over 2000 orders")
	}
}

func TestOptionsLatencyAndStrictExamples(t *testing.T) {
	s := newTestServer(t, Options{Latency: 50 * time.Millisecond, RejectUnknownFields: true})
	start := time.Now()
	r := call(t, s, "POST", "/order/certificate/document_signing_org_1", s.APIKey(), docDSExample)
	mustStatus(t, r, 201)
	if time.Since(start) < 50*time.Millisecond {
		t.Fatal("Options.Latency not applied")
	}
	mustStatus(t, call(t, s, "POST", "/order/certificate/ssl_dv_rapidssl", s.APIKey(), dvExampleBody(t)), 201)
	mustStatus(t, call(t, s, "POST", "/order/certificate/ds_org_individual", s.APIKey(), individualBody(t)), 201)
}
