// Command digicert-sandbox runs the DigiCert CertCentral sandbox on a
// loopback port for demos and shell use:
//
//	go run ./internal/sandbox/cmd/digicert-sandbox [-addr 127.0.0.1:8787] [-api-key KEY] [-seed-demo=true]
//
// It prints the base URL, the API key, export lines for the provider and how
// to publish DCV records, and stops cleanly on SIGINT or SIGTERM.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

// defaultAddr is a fixed port, so that a restarted sandbox keeps its URL
// (choice: an unassigned port unlikely to be in use; -addr 127.0.0.1:0
// picks a free one).
const defaultAddr = "127.0.0.1:8787"

func main() {
	addr := flag.String("addr", defaultAddr, "loopback address to listen on (127.0.0.1:0 picks a free port)")
	apiKey := flag.String("api-key", "", "API key of the default account (16 to 128 letters and digits); random when empty")
	seedDemo := flag.Bool("seed-demo", true, "seed a demo account with orders in several states")
	verbose := flag.Bool("v", false, "log every request")
	noLimits := flag.Bool("no-rate-limits", false, "turn the per-key rate limits off")
	orgDelay := flag.Duration("org-validation-delay", 0, "complete submitted organization validations this long after submission (0: only by the admin call)")
	flag.Parse()

	if host, _, err := net.SplitHostPort(*addr); err != nil || !isLoopback(host) {
		log.Fatalf("digicert-sandbox: -addr must be a loopback address such as %s (got %q)", defaultAddr, *addr)
	}
	opts := sandbox.Options{}
	if *verbose {
		opts.Logf = log.Printf
	}
	if *noLimits {
		opts.RateLimits = []sandbox.Window{}
	}
	opts.OrgValidationDelay = *orgDelay
	s := sandbox.New(opts)
	if *apiKey != "" {
		if err := s.UseAPIKey(*apiKey); err != nil {
			log.Fatalf("digicert-sandbox: -api-key: %v", err)
		}
	}
	if err := s.Listen(*addr); err != nil {
		log.Fatalf("%v (another sandbox running? pick another port with -addr, or -addr 127.0.0.1:0)", err)
	}
	defer s.Close()

	var demo []sandbox.DemoOrder
	subKey := ""
	if *seedDemo {
		var err error
		if subKey, demo, err = s.SeedDemo(); err != nil {
			log.Fatalf("digicert-sandbox: seeding the demo account: %v", err)
		}
	}
	banner(os.Stdout, s, *apiKey != "", subKey, demo)

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	got := <-sig
	fmt.Printf("\n%s: stopping the sandbox\n", got)
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
}

// banner tells a new user how to point the provider at the sandbox, how to
// get a DV order validated, and what a restart means.
func banner(w io.Writer, s *sandbox.Server, fixedKey bool, subKey string, demo []sandbox.DemoOrder) {
	admin := s.AdminURL()
	fmt.Fprintf(w, "DigiCert CertCentral sandbox\n")
	fmt.Fprintf(w, "  base URL:  %s\n", s.URL())
	fmt.Fprintf(w, "  admin URL: %s\n", admin)
	fmt.Fprintf(w, "  API key:   %s\n", s.APIKey())
	if subKey != "" {
		fmt.Fprintf(w, "  subaccount API key: %s\n", subKey)
		fmt.Fprintf(w, "  demo orders:\n")
		for _, o := range demo {
			fmt.Fprintf(w, "    %d  %-24s %-15s %s\n", o.ID, o.Product, o.Status, o.Note)
		}
	}
	fmt.Fprintf(w, "\nexport DIGICERT_BASE_URL=%s\nexport DIGICERT_API_KEY=%s\n", s.URL(), s.APIKey())

	fmt.Fprintf(w, "\nDV validation: the sandbox checks its own DNS, which starts empty. After applying an order\n")
	fmt.Fprintf(w, "with dcv_method = \"dns-txt-token\", publish each entry of its dcv_records as a DNS provider would\n")
	fmt.Fprintf(w, "(echo 'digicert_dv_ssl_order.<name>.dcv_records' | terraform console   shows them):\n")
	fmt.Fprintf(w, "  curl -X POST %s/dns -d '{\"type\":\"TXT\",\"name\":\"www.example.com\",\"value\":\"<value>\"}'\n", admin)
	fmt.Fprintf(w, "Then digicert_dv_ssl_order_validation finds them at its next check. (examples/demo does this itself.)\n")

	fmt.Fprintf(w, "\nTry a renewal: move the sandbox clock, then plan (the provider notices and reads orders in full):\n")
	fmt.Fprintf(w, "  curl -X POST %s/clock -d '{\"advance\":\"720h\"}'\n", admin)
	fmt.Fprintf(w, "  curl %s/orders\n", admin)

	fmt.Fprintf(w, "\nOV/EV orders wait for organization and domain validation; approve them with\n")
	fmt.Fprintf(w, "  curl -X POST %s/organizations/<id>/validate -d '{\"types\":[\"ov\"]}'   (OV/EV orders then issue at once)\n", admin)
	fmt.Fprintf(w, "  curl -X POST %s/domains/<id>/validate\n", admin)

	fmt.Fprintf(w, "\nThe sandbox keeps everything in memory. Stopping it loses every order: a restarted sandbox is an\n")
	fmt.Fprintf(w, "empty account, and Terraform state that holds its orders is stale (destroy before stopping, or\n")
	fmt.Fprintf(w, "`terraform state rm` them after). ")
	if fixedKey {
		fmt.Fprintf(w, "This sandbox keeps its URL and API key when restarted with the same -addr and -api-key.\n")
	} else {
		fmt.Fprintf(w, "Start it with -api-key %s to keep this key (and the URL, with the same -addr).\n", s.APIKey())
	}
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
