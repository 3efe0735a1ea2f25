package certcentral

// A wrong or revoked API key is answered 403 with the code
// access_denied|access_denied_invalid_key, not 401; a valid key that lacks a
// permission is 403 access_denied|missing_permission (CERTCENTRAL.md,
// "Answers seen from the real API"). The two need different advice, so they
// are told apart here.

// IsKeyRejected reports whether CertCentral refused the API key itself: a
// 401, a 403 access_denied|access_denied_invalid_key, or the code
// invalid_api_key.
func IsKeyRejected(err error) bool {
	apiErr, ok := AsAPIError(err)
	if !ok {
		return false
	}
	if apiErr.StatusCode == 401 {
		return true
	}
	for _, e := range apiErr.Errors {
		if e.Code == "invalid_api_key" || qualifier(e.Code) == "access_denied_invalid_key" {
			return true
		}
	}
	return false
}

// IsPermissionDenied reports whether CertCentral accepted the API key but
// refused the request for want of a permission (a 403 that is not
// IsKeyRejected).
func IsPermissionDenied(err error) bool {
	apiErr, ok := AsAPIError(err)
	return ok && apiErr.StatusCode == 403 && !IsKeyRejected(err)
}

// qualifier is the part of a code after "|" or ":" ("" if none).
func qualifier(code string) string {
	if base := baseCode(code); len(base) < len(code) {
		return code[len(base)+1:]
	}
	return ""
}
