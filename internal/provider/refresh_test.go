package provider

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
	"github.com/certcentral-community/terraform-provider-digicert/internal/certcentral"
	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// memPrivate is private state in memory, for tests.
type memPrivate map[string][]byte

func (p memPrivate) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	return p[key], nil
}

func (p memPrivate) SetKey(_ context.Context, key string, value []byte) diag.Diagnostics {
	if len(value) == 0 {
		delete(p, key)
	} else {
		p[key] = value
	}
	return nil
}

func feedSandbox(t *testing.T) (*sandbox.Server, *changeFeed) {
	t.Helper()
	s := sandbox.Start(t, sandbox.Options{RateLimits: []sandbox.Window{}})
	cl, err := certcentral.New(certcentral.Config{BaseURL: s.URL(), APIKey: s.APIKey(), RateWindows: []certcentral.RateWindow{}, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return s, newChangeFeed(cl, time.Now)
}

func TestChangeFeed_concurrentReadsShareOneCall(t *testing.T) {
	s, f := feedSandbox(t)
	lastRead := time.Now().Add(-time.Minute)
	var wg sync.WaitGroup
	answers := make([]*feedAnswer, 20)
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			answers[i] = f.covering(context.Background(), lastRead)
		}()
	}
	wg.Wait()
	feedCalls := func() []sandbox.Request {
		var out []sandbox.Request
		for _, r := range s.Requests() {
			if r.Path == "/services/v2/order/certificate/status-changes" {
				out = append(out, r)
			}
		}
		return out
	}
	if n := len(feedCalls()); n != 1 {
		t.Fatalf("%d feed calls for 20 concurrent Reads, want 1", n)
	}
	for _, a := range answers {
		if a != answers[0] || a.err != nil {
			t.Fatalf("Reads got different answers or an error: %+v", a)
		}
	}
	// The time frame: since the last full read, plus the slack (six
	// minutes), rounded up to the first frame of the series.
	if q := feedCalls()[0].RawQuery; q != "limit=1000&seconds=600" {
		t.Errorf("first feed query %q, want 600 seconds", q)
	}
	// An order read an hour ago needs a wider frame: one more call, of 80
	// minutes. One read two minutes ago is covered by the first answer.
	hourAgo := f.covering(context.Background(), time.Now().Add(-time.Hour))
	if hourAgo == answers[0] || hourAgo.window != 80*time.Minute {
		t.Errorf("an order read an hour ago got a %s answer, want 80m", hourAgo.window)
	}
	if a := f.covering(context.Background(), time.Now().Add(-2*time.Minute)); a != answers[0] {
		t.Errorf("an order read two minutes ago did not get the first, narrowest answer")
	}
	// The wide answer, asked first, does not serve a recent order: it
	// would name what changed long before that order's last full read.
	f.answers = []*feedAnswer{hourAgo}
	if a := f.covering(context.Background(), time.Now().Add(-time.Minute)); a == hourAgo || a.window != 10*time.Minute {
		t.Errorf("an order read a minute ago got the %s answer, want its own 10m one", a.window)
	}
	if n := len(feedCalls()); n != 3 {
		t.Errorf("%d feed calls, want 3", n)
	}
	// Past their validity, the next Read asks again.
	later := time.Now().Add(feedValidity + time.Second)
	f.now = func() time.Time { return later }
	f.covering(context.Background(), later.Add(-time.Minute))
	if n := len(feedCalls()); n != 4 {
		t.Errorf("after %s the answers were reused; want a new call", feedValidity)
	}
}

func TestChangeFeed_keepsState(t *testing.T) {
	s, f := feedSandbox(t)
	// An order that changed an hour ago, and one that changes now.
	s.SetNow(time.Now().Add(-time.Hour))
	body := []byte(`{"certificate":{"common_name":"a.example.com","csr":` + jsonString(acctest.CSR(t, "a.example.com")) + `},"validity_years":1,"dcv_method":"dns-txt-token"}`)
	old, err := s.CreateOrder(s.APIKey(), "ssl_dv_geotrust", body)
	if err != nil {
		t.Fatal(err)
	}
	s.SetNow(time.Now())
	recent, err := s.CreateOrder(s.APIKey(), "ssl_dv_geotrust", body)
	if err != nil {
		t.Fatal(err)
	}
	readAt := func(at time.Time) memPrivate {
		p := memPrivate{}
		markFullRead(context.Background(), p, at, &diag.Diagnostics{})
		return p
	}
	order := func(id int) refreshCheck { return refreshCheck{orderID: int64(id)} }
	recentOrder, _ := s.Order(recent)
	otherStatus := map[string]string{"pending": "needs_approval", "needs_approval": "pending"}[recentOrder.Status]
	settled := func(status string, certID int) refreshCheck {
		return refreshCheck{orderID: int64(recent), settled: &certcentral.OrderRef{Status: status, CertificateID: int64(certID)}}
	}
	minuteAgo := readAt(time.Now().Add(-time.Minute))
	for _, tc := range []struct {
		name    string
		feed    *changeFeed
		private memPrivate
		check   refreshCheck
		want    bool
	}{
		{"changed after the last full read", f, minuteAgo, order(recent), false},
		{"changed before the last full read", f, minuteAgo, order(old), true},
		{"changed after an older last full read", f, readAt(time.Now().Add(-2 * time.Hour)), order(old), false},
		{"never changed in the window", f, minuteAgo, order(999999), true},
		{"no full read recorded", f, memPrivate{}, order(old), false},
		{"last full read longer ago than the feed's seven days", f, readAt(time.Now().Add(-feedMaxWindow)), order(old), false},
		{"last full read in the future", f, readAt(time.Now().Add(time.Hour)), order(old), false},
		{"resource's own reason", f, minuteAgo, refreshCheck{orderID: int64(old), mustRead: "test"}, false},
		{"feed off", nil, minuteAgo, order(old), false},
		{"named, with the status and certificate state holds", f, minuteAgo, settled(recentOrder.Status, recentOrder.CertificateID), true},
		{"named, with another status", f, minuteAgo, settled(otherStatus, recentOrder.CertificateID), false},
		{"named, with another certificate", f, minuteAgo, settled(recentOrder.Status, recentOrder.CertificateID+1), false},
	} {
		if got := tc.feed.keepsState(context.Background(), tc.private, tc.check); got != tc.want {
			t.Errorf("%s: keepsState = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestChangeFeed_failureMeansFullRead(t *testing.T) {
	s, f := feedSandbox(t)
	s.InjectFault(sandbox.Fault{Method: "GET", PathPrefix: "/order/certificate/status-changes", Kind: sandbox.FaultStatus, Status: 403,
		Body: `{"errors":[{"code":"access_denied|missing_permission","message":"Permission denied."}]}`})
	p := memPrivate{}
	markFullRead(context.Background(), p, time.Now().Add(-time.Minute), &diag.Diagnostics{})
	for range 3 {
		if f.keepsState(context.Background(), p, refreshCheck{orderID: 1}) {
			t.Fatal("state kept although the feed failed")
		}
	}
	// The failure is remembered for the plan: the feed is not asked again
	// by every Read.
	if n := s.CountRequests("GET", "/order/certificate/status-changes"); n != 1 {
		t.Errorf("%d feed calls, want 1", n)
	}
}

func TestFeedFrame(t *testing.T) {
	for need, want := range map[time.Duration]time.Duration{
		feedSlack + time.Second:        10 * time.Minute,
		10 * time.Minute:               10 * time.Minute,
		10*time.Minute + time.Second:   20 * time.Minute,
		time.Hour + feedSlack:          80 * time.Minute,
		5120 * time.Minute:             5120 * time.Minute,
		5120*time.Minute + time.Second: feedMaxWindow,
		feedMaxWindow:                  feedMaxWindow,
	} {
		if got := feedFrame(need); got != want {
			t.Errorf("feedFrame(%s) = %s, want %s", need, got, want)
		}
	}
}

func TestDaysRemainingAt(t *testing.T) {
	at := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	for notAfter, want := range map[string]int64{
		"2026-12-31T12:00:00Z": 30,
		"2026-12-31T11:59:59Z": 29,
		"2026-12-01T13:00:00Z": 0,
		"2026-11-01T00:00:00Z": 0,
	} {
		if got := daysRemainingAt(types.StringValue(notAfter), at); got.ValueInt64() != want || got.IsNull() {
			t.Errorf("not_after %s: %v, want %d", notAfter, got, want)
		}
	}
	if !daysRemainingAt(types.StringNull(), at).IsNull() {
		t.Error("no not_after: want null")
	}
}

func TestDVRefreshCheck(t *testing.T) {
	base := func() dvSSLOrderModel {
		var m dvSSLOrderModel
		m.ID, m.Status, m.ProductNameID = types.StringValue("12"), types.StringValue("issued"), types.StringValue("ssl_dv_geotrust")
		m.CertificatePEM = types.StringValue("pem")
		m.NotAfter = types.StringValue(time.Now().Add(48 * time.Hour).Format(time.RFC3339))
		m.DCVMethod = types.StringValue("dns-txt-token")
		m.DCVRandomValue = types.StringValue("v")
		m.DCVRecords = knownDCVRecords("dns-txt-token", []string{"a.example.com"}, "v", time.Now().Add(time.Hour))
		return m
	}
	// Only an order still waiting for validation or approval is settled
	// by its status and certificate ID.
	for status, settled := range map[string]bool{"pending": true, "needs_approval": true, "issued": false, certcentral.OrderStatusReissuePending: false, "revoked": false} {
		m := base()
		m.Status, m.CertificateID = types.StringValue(status), types.Int64Value(34)
		c := m.refreshCheck(time.Now())
		if got := c.settled != nil; got != settled || (settled && *c.settled != (certcentral.OrderRef{Status: status, CertificateID: 34})) {
			t.Errorf("%s: settled %+v, want settled %v", status, c.settled, settled)
		}
		if m.CertificateID = types.Int64Null(); m.refreshCheck(time.Now()).settled != nil {
			t.Errorf("%s without a certificate ID: settled", status)
		}
	}
	for _, tc := range []struct {
		name   string
		change func(*dvSSLOrderModel)
		must   bool
	}{
		{"issued with its certificate", func(*dvSSLOrderModel) {}, false},
		{"imported", func(m *dvSSLOrderModel) { m.ProductNameID = types.StringNull() }, true},
		{"certificate not downloaded", func(m *dvSSLOrderModel) { m.CertificatePEM = types.StringNull() }, true},
		{"not_after passed", func(m *dvSSLOrderModel) {
			m.NotAfter = types.StringValue(time.Now().Add(-time.Second).Format(time.RFC3339))
		}, true},
		{"pending with a valid random value", func(m *dvSSLOrderModel) { m.Status = types.StringValue("pending") }, false},
		{"pending with an expired random value", func(m *dvSSLOrderModel) {
			m.Status = types.StringValue("pending")
			m.DCVRecords = knownDCVRecords("dns-txt-token", []string{"a.example.com"}, "v", time.Now().Add(-time.Second))
		}, true},
		{"no status", func(m *dvSSLOrderModel) { m.Status = types.StringNull() }, true},
		{"reissue pending", func(m *dvSSLOrderModel) { m.Status = types.StringValue(certcentral.OrderStatusReissuePending) }, true},
		{"reissue outcome unknown", func(m *dvSSLOrderModel) { m.RequestStatus = types.StringValue("unknown") }, true},
		{"reissue request approved", func(m *dvSSLOrderModel) { m.RequestStatus = types.StringValue("approved") }, false},
		{"no order ID", func(m *dvSSLOrderModel) { m.ID = types.StringValue("x") }, true},
	} {
		m := base()
		tc.change(&m)
		if got := m.refreshCheck(time.Now()).mustRead != ""; got != tc.must {
			t.Errorf("%s: must read = %v (%q), want %v", tc.name, got, m.refreshCheck(time.Now()).mustRead, tc.must)
		}
	}
}

// A reissue whose outcome is unknown is recorded in private state; Read
// then reads the order in full whatever the feed says.
func TestReissueInDoubtRecorded(t *testing.T) {
	var diags diag.Diagnostics
	p := memPrivate{}
	if reissueInDoubtRecorded(context.Background(), p, &diags) {
		t.Error("no record: reported in doubt")
	}
	p[privateReissueKey] = []byte(`{"sent_at":"2026-12-01T00:00:00Z","last_request_id":0}`)
	if !reissueInDoubtRecorded(context.Background(), p, &diags) {
		t.Error("recorded reissue: not reported in doubt")
	}
	if reissueInDoubtRecorded(context.Background(), nil, &diags) || diags.HasError() {
		t.Errorf("no private state: in doubt, or %v", diags)
	}
}
