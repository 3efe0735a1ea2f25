package certcentral

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Documented answers whose JSON types FuzzDecodeJSONTypes mutates, each with
// the type the client decodes it into.
var typeFuzzDocs = []struct {
	body string
	into func() any
}{
	{orderInfoJSON, func() any { return new(OrderInfo) }},
	{`{"orders":[{"id":123456,"certificate":{"id":104,"common_name":"example.com","dns_names":["example2.com","example3.com"],"signature_hash":"sha256"},"status":"pending","is_renewed":false,"date_created":"2018-10-16T17:29:56+00:00","organization":{"id":112233,"name":"Epigyne Unwieldiness llc"},"validity_years":1,"disable_renewal_notifications":false,"container":{"id":14,"name":"DigiCert Inc."},"product":{"name_id":"ssl_plus","name":"Standard SSL","type":"ssl_certificate"},"has_duplicates":false,"product_name_id":"ssl_plus"}],"page":{"total":1,"limit":1000,"offset":0}}`,
		func() any { return new(OrderList) }},
	{`{"orders":[{"order_id":1234567,"certificate_id":2345678,"status":"pending"},{"order_id":1234568,"certificate_id":2345679,"status":"pending"}],"page":{"total":2,"limit":1000,"offset":0}}`,
		func() any { return new(orderRefPage) }},
	{`{"orders":[{"order_id":265,"certificate_id":112233,"status":"issued"},{"order_id":264,"certificate_id":112232,"status":"canceled"}]}`,
		func() any { return new(orderRefPage) }},
	{`{"id":6484932,"certificate_id":6079436,"dcv_random_value":"icru1984rnekfj"}`, func() any { return new(DVSSLOrderResponse) }},
	{`{"page":{"total":0,"limit":1000,"offset":0}}`, func() any { return new(OrderList) }},
}

// FuzzDecodeJSONTypes changes the JSON types of values in documented
// answers (not only their bytes) and checks the decoding rules:
//
//   - decoding never panics, and fails only with a *FieldTypeError whose
//     path leads to a value of the JSON type it names;
//   - adding keys the types do not declare, with values of any type, never
//     changes the outcome (a field nobody uses never fails a read);
//   - re-typing values to an equivalent form (an integer as a string,
//     booleans as 1/0 or "1"/"0", null as absent) decodes to the same value.
//
// ops is read two bytes at a time: which value (in document order) and
// what to turn it into.
func FuzzDecodeJSONTypes(f *testing.F) {
	for i := range typeFuzzDocs {
		f.Add(uint8(i), []byte{})
		f.Add(uint8(i), []byte{1, 0, 3, 1, 7, 2})
		f.Add(uint8(i), []byte{0, 5, 2, 6, 4, 8, 9, 9})
	}
	f.Fuzz(func(t *testing.T, docIndex uint8, ops []byte) {
		doc := typeFuzzDocs[int(docIndex)%len(typeFuzzDocs)]
		orig := mustTree(t, doc.body)

		// Equivalent re-typing decodes to the same value as the original.
		equiv := mustTree(t, doc.body)
		for i := 0; i+1 < len(ops); i += 2 {
			equiv = retypeEquivalent(equiv, int(ops[i]), ops[i+1])
		}
		wantVal, wantErr := decodeTree(t, doc.into, orig)
		if wantErr != nil {
			t.Fatalf("the documented answer does not decode: %v", wantErr)
		}
		gotVal, gotErr := decodeTree(t, doc.into, equiv)
		if gotErr != nil || !reflect.DeepEqual(gotVal, wantVal) {
			t.Fatalf("equivalent types changed the result\nbody %s\n got %+v (%v)\nwant %+v", encodeTree(t, equiv), gotVal, gotErr, wantVal)
		}

		// Arbitrary re-typing: only a named FieldTypeError may come back.
		mutated := mustTree(t, doc.body)
		for i := 0; i+1 < len(ops); i += 2 {
			mutated = retypeAny(mutated, int(ops[i]), ops[i+1])
		}
		val, err := decodeTree(t, doc.into, mutated)
		if err != nil {
			var fe *FieldTypeError
			if !errors.As(err, &fe) {
				t.Fatalf("error %T %v is not a FieldTypeError\nbody %s", err, err, encodeTree(t, mutated))
			}
			if v, ok := lookupPath(mutated, fe.Path); !ok || jsonTypeName(v) != fe.Got {
				t.Fatalf("error %q: path %q does not lead to %s in %s", err, fe.Path, fe.Got, encodeTree(t, mutated))
			}
		}

		// Undeclared keys change nothing.
		withExtra := addUnknownKeys(mustTree(t, encodeTree(t, mutated)), ops)
		val2, err2 := decodeTree(t, doc.into, withExtra)
		if (err == nil) != (err2 == nil) || (err != nil && errorPlace(err) != errorPlace(err2)) || !reflect.DeepEqual(val, val2) {
			t.Fatalf("undeclared keys changed the outcome\nbody %s\n got %+v (%v)\nwant %+v (%v)", encodeTree(t, withExtra), val2, err2, val, err)
		}
	})
}

// FuzzDecodeErrorTypes re-types the documented error body: its entries as an
// array or as one object, codes and messages as strings or numbers. The code
// and message must come through whatever the shape.
func FuzzDecodeErrorTypes(f *testing.F) {
	f.Add("access_denied|access_denied_invalid_key", "Access denied due to access_denied_invalid_key.", uint8(0))
	f.Add("not_found|order", "Order not found.", uint8(1))
	f.Add("1234", "", uint8(2))
	f.Add("", "Only a message.", uint8(3))
	f.Fuzz(func(t *testing.T, code, message string, shape uint8) {
		if code == "" && message == "" || !utf8.ValidString(code) || !utf8.ValidString(message) {
			return // JSON cannot carry invalid UTF-8 unchanged
		}
		entry := map[string]any{"code": code, "message": message}
		if _, err := strconv.ParseInt(code, 10, 64); err == nil && shape&4 != 0 {
			entry["code"] = json.Number(code)
		}
		var errorsValue any = []any{entry}
		switch shape % 4 {
		case 1:
			errorsValue = entry
		case 2:
			errorsValue = []any{nil, "noise", entry}
		case 3:
			if code != "" {
				errorsValue = map[string]any{code: message}
			}
		}
		body, err := json.Marshal(map[string]any{"errors": errorsValue})
		if err != nil {
			t.Skip("not encodable")
		}
		resp := &http.Response{StatusCode: 403, Header: http.Header{"Content-Type": {"application/json"}}}
		apiErr, ok := AsAPIError(decodeError(call{method: "GET", path: "/order/certificate/1"}, resp, body))
		if !ok {
			t.Fatal("not an APIError")
		}
		want := ErrorEntry{Code: code, Message: message}
		if len(apiErr.Errors) != 1 || apiErr.Errors[0] != want {
			t.Fatalf("body %s: entries %+v, want [%+v]", body, apiErr.Errors, want)
		}
	})
}

func mustTree(t *testing.T, body string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("bad test document: %v", err)
	}
	return v
}

func encodeTree(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encoding: %v", err)
	}
	return string(b)
}

func decodeTree(t *testing.T, into func() any, tree any) (any, error) {
	t.Helper()
	out := into()
	err := decodeTolerant([]byte(encodeTree(t, tree)), out)
	return out, err
}

// leaves lists the addresses of every value of a tree in a stable order.
type slot struct {
	get func() any
	set func(any)
}

func slots(root *any) []slot {
	var out []slot
	var walk func(get func() any, set func(any))
	walk = func(get func() any, set func(any)) {
		out = append(out, slot{get, set})
		switch x := get().(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(func() any { return x[k] }, func(v any) { x[k] = v })
			}
		case []any:
			for i := range x {
				walk(func() any { return x[i] }, func(v any) { x[i] = v })
			}
		}
	}
	walk(func() any { return *root }, func(v any) { *root = v })
	return out
}

// retypeEquivalent re-types the n-th value to a form with the same meaning.
func retypeEquivalent(tree any, n int, how byte) any {
	s := slots(&tree)
	sl := s[n%len(s)]
	switch x := sl.get().(type) {
	case json.Number:
		if _, err := x.Int64(); err == nil {
			sl.set(x.String()) // 123 -> "123"
		}
	case bool:
		forms := [][2]any{{json.Number("1"), json.Number("0")}, {"1", "0"}, {"true", "false"}, {"TRUE", "False"}}
		form := forms[int(how)%len(forms)]
		if x {
			sl.set(form[0])
		} else {
			sl.set(form[1])
		}
	}
	return tree
}

// retypeAny gives the n-th value another JSON type.
func retypeAny(tree any, n int, how byte) any {
	s := slots(&tree)
	sl := s[n%len(s)]
	old := sl.get()
	forms := []any{nil, "", "text", json.Number("7"), json.Number("-2.5"), true, false, []any{}, map[string]any{}, []any{old}, map[string]any{"v": old}, json.Number("99999999999999999999")}
	if num, ok := old.(json.Number); ok {
		forms = append(forms, num.String())
	}
	sl.set(forms[int(how)%len(forms)])
	return tree
}

// errorPlace is what a FieldTypeError says apart from the value's excerpt.
func errorPlace(err error) string {
	var fe *FieldTypeError
	if errors.As(err, &fe) {
		return fe.Path + ": " + fe.Got + " for " + fe.Want
	}
	return err.Error()
}

// addUnknownKeys adds keys no response type declares, in every object that
// has keys, with values of assorted types. (An empty object can stand for an
// empty list; a key would change its meaning.)
func addUnknownKeys(tree any, seed []byte) any {
	values := []any{nil, "x", json.Number("1"), true, []any{json.Number("1"), "two"}, map[string]any{"deep": []any{}}}
	i := 0
	for _, sl := range slots(&tree) {
		if m, ok := sl.get().(map[string]any); ok && len(m) > 0 {
			b := byte(i)
			if len(seed) > 0 {
				b = seed[i%len(seed)]
			}
			m["zz_undeclared_"+strconv.Itoa(i)] = values[int(b)%len(values)]
			i++
		}
	}
	return tree
}

// lookupPath follows a FieldTypeError path ("a.b[2].c") through a tree.
func lookupPath(tree any, path string) (any, bool) {
	if path == "(the whole answer)" {
		return tree, true
	}
	cur := tree
	for _, part := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			if cur, ok = m[name]; !ok {
				return nil, false
			}
		}
		for rest != "" {
			idx, after, _ := strings.Cut(rest, "]")
			n, err := strconv.Atoi(idx)
			a, ok := cur.([]any)
			if err != nil || !ok || n >= len(a) {
				return nil, false
			}
			cur = a[n]
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return cur, true
}
