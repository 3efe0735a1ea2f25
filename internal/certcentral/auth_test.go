package certcentral

import (
	"context"
	"net/http"
	"reflect"
	"testing"
)

func TestKeyRejectedAndPermissionDenied(t *testing.T) {
	cases := []struct {
		name                   string
		status                 int
		body                   string
		wantEntries            []ErrorEntry
		keyRejected, noPermiss bool
	}{
		{
			name: "wrong or revoked key, as the real API answers", status: 403,
			body:        `{"errors":[{"code":"access_denied|access_denied_invalid_key","message":"Access denied due to access_denied_invalid_key."}]}`,
			wantEntries: []ErrorEntry{{Code: "access_denied|access_denied_invalid_key", Message: "Access denied due to access_denied_invalid_key."}},
			keyRejected: true,
		},
		{
			name: "the same with errors as an object", status: 403,
			body:        `{"errors":{"code":"access_denied|access_denied_invalid_key","message":"Access denied due to access_denied_invalid_key."}}`,
			wantEntries: []ErrorEntry{{Code: "access_denied|access_denied_invalid_key", Message: "Access denied due to access_denied_invalid_key."}},
			keyRejected: true,
		},
		{
			name: "missing permission", status: 403,
			body:        `{"errors":[{"code":"access_denied|missing_permission","message":"You do not have permission."}]}`,
			wantEntries: []ErrorEntry{{Code: "access_denied|missing_permission", Message: "You do not have permission."}},
			noPermiss:   true,
		},
		{
			name: "401", status: 401,
			body:        `{"errors":[{"code":"invalid_api_key","message":"The specified API key is invalid."}]}`,
			wantEntries: []ErrorEntry{{Code: "invalid_api_key", Message: "The specified API key is invalid."}},
			keyRejected: true,
		},
		{
			name: "errors as an object of code to message", status: 403,
			body:        `{"errors":{"access_denied|missing_permission":"No.","z_other":"Later."}}`,
			wantEntries: []ErrorEntry{{Code: "access_denied|missing_permission", Message: "No."}, {Code: "z_other", Message: "Later."}},
			noPermiss:   true,
		},
		{
			name: "403 from a proxy", status: 403, body: `<html>forbidden</html>`,
			noPermiss: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
				reply(w, c.status, c.body)
			})
			_, err := newTestClient(t, srv.URL, nil).GetOrder(context.Background(), 1)
			apiErr, ok := AsAPIError(err)
			if !ok {
				t.Fatalf("err %T %v", err, err)
			}
			if !reflect.DeepEqual(apiErr.Errors, c.wantEntries) {
				t.Errorf("entries %+v, want %+v", apiErr.Errors, c.wantEntries)
			}
			if IsKeyRejected(err) != c.keyRejected || IsPermissionDenied(err) != c.noPermiss {
				t.Errorf("IsKeyRejected %v IsPermissionDenied %v, want %v %v", IsKeyRejected(err), IsPermissionDenied(err), c.keyRejected, c.noPermiss)
			}
			if !IsAuthError(err) {
				t.Error("IsAuthError false")
			}
			if srv.count() != 1 {
				t.Errorf("%d requests; an auth error is not retried", srv.count())
			}
		})
	}
	if IsKeyRejected(&APIError{StatusCode: 404, Errors: []ErrorEntry{{Code: "not_found|order"}}}) || IsPermissionDenied(nil) {
		t.Fatal("a 404 or nil counts as an auth error")
	}
}
