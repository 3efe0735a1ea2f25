// Command digicert-sandbox runs the DigiCert CertCentral sandbox on a
// loopback port for demos and shell use:
//
//	go run ./internal/sandbox/cmd/digicert-sandbox [-addr 127.0.0.1:0] [-seed-demo=true]
//
// It prints the base URL, the API key and export lines for the provider, and
// stops cleanly on SIGINT or SIGTERM.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/certcentral-community/terraform-provider-digicert/internal/sandbox"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	seedDemo := flag.Bool("seed-demo", true, "seed a demo account with orders in several states")
	verbose := flag.Bool("v", false, "log every request")
	noLimits := flag.Bool("no-rate-limits", false, "turn the per-key rate limits off")
	orgDelay := flag.Duration("org-validation-delay", 0, "complete submitted organization validations this long after submission (0: only by the admin call)")
	flag.Parse()

	if host, _, err := net.SplitHostPort(*addr); err != nil || !isLoopback(host) {
		log.Fatalf("digicert-sandbox: -addr must be a loopback address such as 127.0.0.1:0 (got %q)", *addr)
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
	if err := s.Listen(*addr); err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	fmt.Printf("DigiCert CertCentral sandbox\n")
	fmt.Printf("  base URL:  %s\n", s.URL())
	fmt.Printf("  admin URL: %s\n", s.AdminURL())
	fmt.Printf("  API key:   %s\n", s.APIKey())
	if *seedDemo {
		sub, orders, err := s.SeedDemo()
		if err != nil {
			log.Fatalf("digicert-sandbox: seeding the demo account: %v", err)
		}
		fmt.Printf("  subaccount API key: %s\n", sub)
		fmt.Printf("  demo orders:\n")
		for _, o := range orders {
			fmt.Printf("    %d  %-24s %-15s %s\n", o.ID, o.Product, o.Status, o.Note)
		}
	}
	fmt.Printf("\nexport DIGICERT_BASE_URL=%s\nexport DIGICERT_API_KEY=%s\n\n", s.URL(), s.APIKey())
	fmt.Printf("Admin examples:\n")
	fmt.Printf("  curl -X POST %s/dns -d '{\"type\":\"TXT\",\"name\":\"example.org\",\"value\":\"<random value>\"}'\n", s.AdminURL())
	fmt.Printf("  curl -X POST %s/clock -d '{\"advance\":\"720h\"}'\n", s.AdminURL())
	fmt.Printf("  curl %s/orders\n", s.AdminURL())
	fmt.Printf("  curl -X POST %s/organizations/<id>/validate -d '{\"types\":[\"ov\"]}'   (OV/EV orders then issue at once)\n", s.AdminURL())
	fmt.Printf("  curl -X POST %s/domains/<id>/validate\n", s.AdminURL())

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

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
