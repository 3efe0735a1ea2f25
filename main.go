// Command terraform-provider-digicert serves the DigiCert CertCentral provider
// to Terraform and OpenTofu over plugin protocol 6.
package main

import (
	"context"
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/certcentral-community/terraform-provider-digicert/internal/provider"
)

// version is set at build time by GoReleaser (-ldflags "-X main.version=...").
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	quietLogsUnlessAsked(os.Getenv, os.Setenv)

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/certcentral-community/digicert",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}

// quietLogsUnlessAsked turns the plugin SDK's and the provider's own logs
// off when nobody asked for logs. terraform-plugin-go writes its SDK logs at
// TRACE to the CLI by default, one JSON line per step of every call, and the
// CLI parses and drops every line unless TF_LOG or TF_LOG_PROVIDER is set:
// `make bench` measured that at about half the CPU of a large plan. Setting
// TF_LOG (which the CLI passes on to the provider), TF_LOG_PROVIDER or any of
// these variables keeps the usual behaviour.
func quietLogsUnlessAsked(getenv func(string) string, setenv func(string, string) error) {
	if getenv("TF_LOG") != "" || getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, k := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_DIGICERT"} {
		if getenv(k) == "" {
			_ = setenv(k, "off")
		}
	}
}
