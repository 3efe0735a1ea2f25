package provider

import (
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// dcvValueLifetime is how long a DCV random value stays valid
// (CERTCENTRAL.md, section DCV).
const dcvValueLifetime = 30 * 24 * time.Hour

// dcvRecordAttrTypes is the object type of one dcv_records value.
var dcvRecordAttrTypes = map[string]attr.Type{
	"type":       types.StringType,
	"name":       types.StringType,
	"value":      types.StringType,
	"expires_at": types.StringType,
}

func dcvRecordsAttribute() schema.MapNestedAttribute {
	return schema.MapNestedAttribute{
		MarkdownDescription: "What to publish so that CertCentral can validate the order's names, keyed by DNS name of the order. " +
			"The keys are known at plan time, so `for_each = digicert_dv_ssl_order.x.dcv_records` works on the first apply with any DNS provider. " +
			"`dns-txt-token`: a `TXT` record at the name (a wildcard `*.example.com` at `example.com`). " +
			"`dns-cname-token`: a `CNAME` at `_dnsauth.<name>` pointing to `<random value>.dcv.digicert.com`. " +
			"`http-token`: `HTTP`, a file at the URL in `name` whose content is `value`. " +
			"Names whose record would be the same (`example.com` and `*.example.com`) appear once, under the first of them in the order (`common_name`, then `dns_names`), so that no two DNS resources fight over one record. " +
			"Empty for `email` orders. Record names are fully qualified, without a trailing dot.",
		Computed: true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"type":       schema.StringAttribute{MarkdownDescription: "`TXT`, `CNAME` or `HTTP`.", Computed: true},
			"name":       schema.StringAttribute{MarkdownDescription: "Fully qualified record name (or, for `HTTP`, the URL where the file must be served).", Computed: true},
			"value":      schema.StringAttribute{MarkdownDescription: "Record content (or file body).", Computed: true},
			"expires_at": schema.StringAttribute{MarkdownDescription: "When the random value expires (RFC 3339); a refresh after that fetches a new one.", Computed: true},
		}},
	}
}

// dcvRecord is where one name's proof goes.
type dcvRecord struct {
	Type, Name string
}

// dcvRecordFor says where CertCentral looks for the proof of one order name
// (CERTCENTRAL.md, section DCV).
func dcvRecordFor(method, name string) (dcvRecord, bool) {
	host := strings.ToLower(strings.TrimPrefix(name, "*."))
	switch method {
	case "dns-txt-token":
		return dcvRecord{Type: "TXT", Name: host}, true
	case "dns-cname-token":
		return dcvRecord{Type: "CNAME", Name: "_dnsauth." + host}, true
	case "http-token":
		return dcvRecord{Type: "HTTP", Name: "http://" + host + "/.well-known/pki-validation/fileauth.txt"}, true
	}
	return dcvRecord{}, false
}

// dcvRecordValue is the content of the record for a random value.
func dcvRecordValue(method, randomValue string) string {
	if method == "dns-cname-token" {
		return randomValue + ".dcv.digicert.com"
	}
	return randomValue
}

// dcvRecordKeys returns the map keys (order names) and their records, one
// key per distinct record, in order.
func dcvRecordKeys(method string, names []string) (keys []string, records map[string]dcvRecord) {
	records = map[string]dcvRecord{}
	seen := map[dcvRecord]bool{}
	for _, n := range names {
		rec, ok := dcvRecordFor(method, n)
		if !ok || seen[rec] {
			continue
		}
		seen[rec] = true
		keys = append(keys, n)
		records[n] = rec
	}
	return keys, records
}

// plannedDCVRecords is the plan-time dcv_records: keys, record types and
// names known (they follow from the method and the names), value and
// expiry unknown until the order's random value exists, so the plan shows
// where each record goes.
func plannedDCVRecords(method string, names []string) types.Map {
	keys, records := dcvRecordKeys(method, names)
	elems := map[string]attr.Value{}
	for _, k := range keys {
		elems[k] = types.ObjectValueMust(dcvRecordAttrTypes, map[string]attr.Value{
			"type": types.StringValue(records[k].Type), "name": types.StringValue(records[k].Name),
			"value": types.StringUnknown(), "expires_at": types.StringUnknown(),
		})
	}
	return types.MapValueMust(types.ObjectType{AttrTypes: dcvRecordAttrTypes}, elems)
}

// knownDCVRecords is dcv_records for a random value (value null when the
// random value is not known yet; expires_at null when not known).
func knownDCVRecords(method string, names []string, randomValue string, expires time.Time) types.Map {
	keys, records := dcvRecordKeys(method, names)
	elems := map[string]attr.Value{}
	for _, k := range keys {
		rec := records[k]
		value := types.StringNull()
		if randomValue != "" {
			value = types.StringValue(dcvRecordValue(method, randomValue))
		}
		exp := types.StringNull()
		if !expires.IsZero() {
			exp = types.StringValue(expires.UTC().Format(time.RFC3339))
		}
		elems[k] = types.ObjectValueMust(dcvRecordAttrTypes, map[string]attr.Value{
			"type": types.StringValue(rec.Type), "name": types.StringValue(rec.Name), "value": value, "expires_at": exp,
		})
	}
	return types.MapValueMust(types.ObjectType{AttrTypes: dcvRecordAttrTypes}, elems)
}

// dcvExpiry reads expires_at back from any element of dcv_records.
func dcvExpiry(records types.Map) (time.Time, bool) {
	for _, v := range records.Elements() {
		obj, ok := v.(types.Object)
		if !ok {
			continue
		}
		exp, ok := obj.Attributes()["expires_at"].(types.String)
		if !ok || exp.IsNull() || exp.IsUnknown() {
			return time.Time{}, false
		}
		t, err := time.Parse(time.RFC3339, exp.ValueString())
		return t, err == nil
	}
	return time.Time{}, false
}
