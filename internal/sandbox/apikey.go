package sandbox

import (
	"fmt"
	"strings"
)

// UseAPIKey makes key the default account's API key in place of the random
// one, so that a sandbox restarted with the same key keeps working with the
// DIGICERT_API_KEY a shell exported. The key must be 16 to 128 characters of
// letters and digits (choice: long enough not to be guessed by accident,
// and safe in a shell and a header).
func (s *Server) UseAPIKey(key string) error {
	if len(key) < 16 || len(key) > 128 || strings.Trim(key, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") != "" {
		return fmt.Errorf("sandbox: an API key must be 16 to 128 letters and digits")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, taken := s.keys[key]; taken && key != s.defKey {
		return fmt.Errorf("sandbox: the API key is already another account's")
	}
	k := s.keys[s.defKey]
	delete(s.keys, s.defKey)
	k.key = key
	s.keys[key] = k
	s.defKey = key
	return nil
}
