// Package moduletest tests the modules under modules/ through the real
// CLIs: `terraform test` and `tofu test` on each module's *.tftest.hcl
// files, and configurations that call a module, against the sandbox
// CertCentral, with the provider and the test DNS provider sandboxdns
// served by the test process (internal/acctest/clitest).
//
// The modules name the provider as a registry user does,
// certcentral-community/digicert, so this package attaches its providers
// under that namespace (TestMain), and the tests' own configurations name
// sandboxdns as certcentral-community/sandboxdns.
package moduletest
