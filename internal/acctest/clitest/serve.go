package clitest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// reattachConfig is one entry of TF_REATTACH_PROVIDERS (go-plugin's
// ReattachConfig in the JSON form the CLI reads, as tfexec.ReattachConfig).
type reattachConfig struct {
	Protocol        string
	ProtocolVersion int
	Pid             int
	Test            bool
	Addr            struct{ Network, String string }
}

// serve starts one debug-mode server per provider, as
// terraform-plugin-testing's runProviderCommand does for protocol 6, and
// returns the TF_REATTACH_PROVIDERS value ("" with no provider to serve) and a function that stops them and
// waits, for at most serverTimeout, until they have. With logs non-nil
// every RPC's provider and SDK loggers write there.
func (r *Run) serve(logs io.Writer) (reattach string, stop func() error, err error) {
	ctx, cancel := context.WithCancel(context.Background())
	var closed []chan struct{}
	stop = func() error {
		cancel()
		deadline := time.After(serverTimeout)
		for _, ch := range closed {
			select {
			case <-ch:
			case <-deadline:
				return fmt.Errorf("the provider servers did not stop within %s", serverTimeout)
			}
		}
		return nil
	}

	names := make([]string, 0, len(r.providers))
	for name := range r.providers {
		names = append(names, name)
	}
	sort.Strings(names)

	configs := map[string]reattachConfig{}
	for _, name := range names {
		factory := r.providers[name]
		name = strings.TrimPrefix(name, "terraform-provider-")
		addr := r.host + "/" + r.spaces[len(r.spaces)-1] + "/" + name
		srv, err := factory()
		if err != nil {
			_ = stop()
			return "", nil, fmt.Errorf("%w %q: its factory failed: %v", errServerStart, name, err)
		}
		if logs != nil {
			srv = &logServer{ProviderServer: srv, w: logs}
		}

		configCh := make(chan *plugin.ReattachConfig)
		closeCh := make(chan struct{})
		serveErr := make(chan error, 1)
		opts := []tf6server.ServeOpt{
			tf6server.WithDebug(ctx, configCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.New(&hclog.LoggerOptions{Name: "clitest", Level: hclog.Trace, Output: io.Discard})),
			// As terraform-plugin-testing: the provider's logs follow
			// TF_LOG, TF_LOG_PATH, TF_ACC_LOG_PATH and TF_LOG_PATH_MASK of
			// the test process (off by default), unless logServer takes
			// them.
			tf6server.WithLoggingSink(r.t),
		}
		go func() {
			serveErr <- tf6server.Serve(addr, func() tfprotov6.ProviderServer { return srv }, opts...)
		}()
		var rc *plugin.ReattachConfig
		select {
		case rc = <-configCh:
		case err := <-serveErr:
			_ = stop()
			if err == nil {
				err = errors.New("the server ended before giving its reattach configuration")
			}
			return "", nil, fmt.Errorf("%w %q: %v", errServerStart, name, err)
		case <-time.After(serverTimeout):
			_ = stop()
			return "", nil, fmt.Errorf("%w %q: no reattach configuration within %s", errServerStart, name, serverTimeout)
		}
		closed = append(closed, closeCh)
		if rc == nil {
			_ = stop()
			return "", nil, fmt.Errorf("%w %q: nil reattach configuration", errServerStart, name)
		}
		c := reattachConfig{Protocol: string(rc.Protocol), ProtocolVersion: rc.ProtocolVersion, Pid: rc.Pid, Test: rc.Test}
		c.Addr.Network, c.Addr.String = rc.Addr.Network(), rc.Addr.String()
		for _, ns := range r.spaces {
			configs[r.host+"/"+ns+"/"+name] = c
		}
	}
	if len(configs) == 0 {
		return "", stop, nil // every provider is installed
	}
	b, err := json.Marshal(configs)
	if err != nil {
		_ = stop()
		return "", nil, fmt.Errorf("clitest: encoding TF_REATTACH_PROVIDERS: %w", err)
	}
	return string(b), stop, nil
}
