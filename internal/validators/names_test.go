package validators

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// DV certificates secure domain names: IP addresses and names ending in an
// all-digit label are refused; ordinary names with digits are not.
func TestCheckDNSName_IPAddresses(t *testing.T) {
	for name, wantErr := range map[string]string{
		"1.2.3.4":              "is an IP address",
		"*.10.0.0.1":           "is an IP address",
		"example.123":          "ends in a numeric label",
		"2001:db8::1":          "not a fully qualified domain name",
		"123.example.com":      "",
		"a1.example.co.uk":     "",
		"www.example.xn--p1ai": "",
	} {
		err := CheckDNSName(name)
		switch {
		case wantErr == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case wantErr != "" && (err == nil || !strings.Contains(err.Error(), wantErr)):
			t.Errorf("%s: error %v, want one containing %q", name, err, wantErr)
		}
	}
}

// An empty date means no date (the Order DV SSL page's example sends
// "custom_expiration_date": ""); anything else is still checked.
func TestDateInFuture_Empty(t *testing.T) {
	now := func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }
	v, ok := DateInFuture(now, "2006-01-02", "yyyy-MM-dd", 825).(stringFunc)
	if !ok {
		t.Fatalf("DateInFuture returned %T", v)
	}
	check := v.check
	if err := check(""); err != nil {
		t.Fatalf("empty date refused: %v", err)
	}
	if err := check("2026-12-01"); err == nil {
		t.Fatal("today accepted")
	}
	if err := check("2027-06-01"); err != nil {
		t.Fatalf("a date in six months refused: %v", err)
	}
}

// A name given twice, in any case, is refused at the repeated element,
// whose path and the first one's the message names.
func TestUniqueDNSNames(t *testing.T) {
	p := path.Root("certificate").AtName("dns_names")
	list := types.ListValueMust(types.StringType, []attr.Value{
		types.StringValue("a.example.com"), types.StringValue("www.example.com"), types.StringValue("b.example.com"), types.StringValue("WWW.Example.com"),
	})
	var resp validator.ListResponse
	UniqueDNSNames().ValidateList(context.Background(), validator.ListRequest{Path: p, ConfigValue: list}, &resp)
	if len(resp.Diagnostics) != 1 {
		t.Fatalf("diagnostics %v, want one", resp.Diagnostics)
	}
	d, ok := resp.Diagnostics[0].(diag.DiagnosticWithPath)
	if !ok || !d.Path().Equal(p.AtListIndex(3)) {
		t.Fatalf("diagnostic %v is not on certificate.dns_names[3]", resp.Diagnostics[0])
	}
	if want := `certificate.dns_names[3]: "WWW.Example.com" repeats certificate.dns_names[1] ("www.example.com")`; !strings.HasPrefix(d.Detail(), want) {
		t.Errorf("detail %q, want it to start %q", d.Detail(), want)
	}
}

// A URL where a host name belongs says so and shows the host name.
func TestCheckDNSName_URL(t *testing.T) {
	err := CheckDNSName("https://www.example.com/shop")
	if err == nil || !strings.Contains(err.Error(), `is a URL (https://); give the host name alone, such as "www.example.com"`) {
		t.Errorf("error %v", err)
	}
}
