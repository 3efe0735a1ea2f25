// Package clitest runs the real Terraform or OpenTofu CLI on a working
// directory, against providers served inside the test process, for the
// configurations terraform-plugin-testing cannot run: its legacy state shim
// rejects for_each instances with string keys
// (https://github.com/hashicorp/terraform-plugin-sdk/issues/536; DESIGN.md,
// Tests through the CLI).
//
// It reattaches the providers exactly as terraform-plugin-testing does
// (helper/resource/plugin.go): before each CLI command it serves every
// provider with tf6server in debug mode, passes their addresses to the CLI
// in TF_REATTACH_PROVIDERS, and stops the servers when the command ends. The
// providers therefore share memory with the test: a test can count the
// requests the sandbox saw, or look at the records sandboxdns published.
//
//	func TestAccDVSSLOrder_dnsForEach(t *testing.T) {
//		s := acctest.StartSandbox(t)
//		r := clitest.New(t, clitest.Providers{ // skips unless TF_ACC is set
//			"digicert":   providerserver.NewProtocol6WithError(provider.New("test")()),
//			"sandboxdns": providerserver.NewProtocol6WithError(dnsprovider.New(s)()),
//		})
//		config := acctest.ProviderConfig(s) + `
//	resource "digicert_dv_ssl_order" "o" { ... }
//	resource "sandboxdns_record" "dcv" {
//	  for_each = digicert_dv_ssl_order.o.dcv_records
//	  type     = each.value.type
//	  name     = each.value.name
//	  value    = each.value.value
//	}`
//		if out, err := r.Apply(config); err != nil {
//			t.Fatalf("apply: %v\n%s", err, out)
//		}
//		st, err := r.State() // *tfjson.State; clitest.Resources(st) by address
//		...
//		plan, out, err := r.Plan(config)
//		if empty, changes := clitest.PlanIsEmpty(plan); !empty {
//			t.Errorf("second plan: %q\n%s", changes, out)
//		}
//		if out, err := r.Destroy(config); err != nil { ... }
//	}
//
// Every command returns the CLI's combined output (init's included when it
// ran) and an error naming the command when it failed; the output is where
// the CLI's diagnostics are, so match expected errors there. ApplyContext,
// PlanContext and DestroyContext send SIGINT to the CLI when the context is
// done, as Ctrl-C would; every command is also interrupted after
// DefaultTimeout (SetTimeout) and killed InterruptGrace after an interrupt.
// SetEnv("TF_LOG", "TRACE") adds the CLI's log and the providers' own log
// lines to the output.
//
// State is local (terraform.tfstate in Dir) unless SetBackend chose a
// backend, such as "pg" on a pgtest server; Workspace selects (and creates)
// a workspace of it. Signal sends a signal to the command running now, from
// any goroutine, so a test can SIGKILL the CLI at the instant the sandbox saw
// what it waited for. InstallProvider swaps an attached provider for a
// binary built with BuildProvider, which the CLI then starts as its own
// plugin process, as for a user: two Runs applying at once then run two
// provider processes that share nothing.
//
// Configurations leave out required_providers: the CLI's default source,
// hashicorp/<name>, is the address the providers are attached under, on the
// registry host of the CLI under test (registry.terraform.io for Terraform,
// registry.opentofu.org for OpenTofu, found by running `version`;
// TF_ACC_PROVIDER_HOST and TF_ACC_PROVIDER_NAMESPACE override them as in
// terraform-plugin-testing).
//
// Nothing touches the network: the CLI configuration the harness writes
// (TF_CLI_CONFIG_FILE) installs providers only from an empty local mirror,
// so a configuration that names a provider that is not attached fails at
// init instead of reaching a registry. Reattached providers need no
// installation: init records nothing for them, and `apply` would even run
// without init; the harness runs init anyway (about 50 ms) whenever main.tf
// changed, so local modules work.
package clitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/certcentral-community/terraform-provider-digicert/internal/acctest"
)

// Providers maps a provider type name ("digicert", "sandboxdns") to a
// factory, as ProtoV6ProviderFactories does in terraform-plugin-testing. A
// factory is called once per CLI command, so each command talks to a fresh
// server, as it would to a fresh plugin process. (The factories that
// providerserver.NewProtocol6WithError returns share one provider.Provider
// value between the servers they make, as in terraform-plugin-testing.)
type Providers map[string]func() (tfprotov6.ProviderServer, error)

// Defaults; each Run can change its own with SetTimeout.
const (
	// DefaultTimeout bounds one CLI command (init aside); it is shortened
	// to fit the test binary's -timeout.
	DefaultTimeout = 5 * time.Minute
	// InterruptGrace is how long a CLI has to exit after SIGINT (a
	// canceled context or a timeout) before it is killed.
	InterruptGrace = 30 * time.Second
	// serverTimeout bounds starting and stopping one provider server.
	serverTimeout = 10 * time.Second
)

// Run is one working directory and its state, driven by one CLI. Its
// methods run one CLI command at a time: a call made while another command
// of the same Run is still running fails at once rather than wait (the state
// would be locked anyway).
type Run struct {
	t         *testing.T
	providers Providers
	cli       cliInfo
	host      string
	spaces    []string // provider namespaces attached, as plugin-testing
	root      string   // holds dir and the CLI configuration
	dir       string
	cliConfig string

	mirror string // the filesystem mirror InstallProvider fills

	busy        sync.Mutex
	env         map[string]string
	timeout     time.Duration
	grace       time.Duration
	config      string // main.tf as last written
	initDone    string // the config that was last initialised; "\x00" none
	backend     string // the backend type SetBackend chose; "" local state
	reconfigure bool   // the backend changed since the last init
	workspace   string // "" the default workspace

	procMu sync.Mutex
	proc   *os.Process // the CLI command running, for Signal
}

// New prepares a Run for one test: a temporary working directory and a CLI
// configuration of its own. Like resource.Test it skips the test unless
// TF_ACC is set, and it fails the test when TF_ACC_TERRAFORM_PATH is not set
// (acctest.PreCheck) or names a CLI other than DIGICERT_TEST_CLI. providers
// may be empty when every provider comes from InstallProvider.
func New(t *testing.T, providers Providers) *Run {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("Acceptance tests skipped unless env 'TF_ACC' set")
	}
	acctest.PreCheck(t)

	root := t.TempDir()
	r := &Run{
		t:         t,
		providers: Providers{},
		root:      root,
		dir:       filepath.Join(root, "work"),
		cliConfig: filepath.Join(root, "cli.tfrc"),
		mirror:    filepath.Join(root, "mirror"),
		env:       map[string]string{},
		timeout:   DefaultTimeout,
		grace:     InterruptGrace,
		initDone:  "\x00",
	}
	for name, f := range providers {
		r.providers[name] = f
	}
	for _, d := range []string{r.dir, r.mirror} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatalf("clitest: %v", err)
		}
	}
	if err := os.WriteFile(r.cliConfig, []byte(cliConfig(r.mirror)), 0o644); err != nil {
		t.Fatalf("clitest: writing the CLI configuration: %v", err)
	}

	info, err := detectCLI(os.Getenv("TF_ACC_TERRAFORM_PATH"), r.baseEnv())
	if err != nil {
		t.Fatalf("clitest: %v", err)
	}
	if want := acctest.CLI(); want != info.kind {
		t.Fatalf("clitest: DIGICERT_TEST_CLI says %q but TF_ACC_TERRAFORM_PATH=%s is %s %s: set DIGICERT_TEST_CLI=%s (and TF_ACC_PROVIDER_HOST for tofu), or point TF_ACC_TERRAFORM_PATH at the other CLI",
			want, info.path, info.kind, info.version, info.kind)
	}
	r.cli = info
	r.host, r.spaces = providerAddressParts(info.kind)
	if def := defaultHost(info.kind); r.host != def {
		t.Logf("clitest: providers attached under %s (TF_ACC_PROVIDER_HOST), not %s's own registry: configurations must name them with source = \"%s/%s/<name>\"", r.host, info.kind, r.host, r.spaces[len(r.spaces)-1])
	}
	return r
}

// Dir is the working directory: main.tf, terraform.tfstate and .terraform
// live there. Tests may add files (modules, more .tf files) before a command.
func (r *Run) Dir() string { return r.dir }

// CLI is the CLI under test: "terraform" or "tofu".
func (r *Run) CLI() string { return r.cli.kind }

// Version is the version of the CLI under test, such as "1.5.7".
func (r *Run) Version() string { return r.cli.version }

// SetEnv sets an environment variable for the CLI commands that follow
// (v "" unsets one the harness or the test process would pass). Setting
// TF_LOG also routes the in-process providers' logs into each command's
// output, as JSON lines at TRACE, interleaved with the CLI's own log as a
// plugin's logs would be: a test can grep one output for a leaked secret.
//
// The providers run in the test process, so the variables they read
// (DIGICERT_API_KEY and the like) come from the test process's environment
// (t.Setenv), not from SetEnv.
func (r *Run) SetEnv(k, v string) {
	r.busy.Lock()
	defer r.busy.Unlock()
	r.env[k] = v
}

// SetTimeout changes how long one command may run before it is interrupted
// (DefaultTimeout) and how long it then has to exit before it is killed
// (InterruptGrace). Zero leaves a value unchanged.
func (r *Run) SetTimeout(command, grace time.Duration) {
	r.busy.Lock()
	defer r.busy.Unlock()
	if command > 0 {
		r.timeout = command
	}
	if grace > 0 {
		r.grace = grace
	}
}

// WriteConfig replaces main.tf with config. The commands that take a
// config do it themselves; "" there keeps the files as they are.
func (r *Run) WriteConfig(config string) error {
	if !r.busy.TryLock() {
		return errBusy
	}
	defer r.busy.Unlock()
	return r.writeConfig(config)
}

func (r *Run) writeConfig(config string) error {
	if err := os.WriteFile(filepath.Join(r.dir, "main.tf"), []byte(config), 0o644); err != nil {
		return fmt.Errorf("clitest: writing main.tf: %w", err)
	}
	r.config = config
	return nil
}

// Init runs `init` now. The commands below run it themselves whenever the
// configuration changed since the last init; call Init after adding files
// to Dir (a module, for instance).
func (r *Run) Init() (string, error) {
	r.t.Helper()
	return r.InitContext(context.Background())
}

// InitContext is Init with a context.
func (r *Run) InitContext(ctx context.Context) (string, error) {
	r.t.Helper()
	if !r.busy.TryLock() {
		return "", errBusy
	}
	defer r.busy.Unlock()
	return r.init(ctx)
}

// Apply writes config to main.tf (unless it is ""), initialises when
// needed, and runs `apply -auto-approve` with args. The output is the
// combined stdout and stderr of init (when it ran) and apply.
func (r *Run) Apply(config string, args ...string) (string, error) {
	r.t.Helper()
	return r.ApplyContext(context.Background(), config, args...)
}

// ApplyContext is Apply with a context: when ctx is done, the CLI gets
// SIGINT (as from Ctrl-C), so it stops the providers and saves the state
// of what finished; it is killed if still running InterruptGrace later.
// The error then wraps ctx.Err().
func (r *Run) ApplyContext(ctx context.Context, config string, args ...string) (string, error) {
	r.t.Helper()
	return r.command(ctx, config, append([]string{"apply", "-input=false", "-no-color", "-auto-approve"}, args...))
}

// Plan writes config, initialises when needed, runs `plan -out` with args
// and returns the saved plan as `show -json` renders it, and the plan's
// human-readable output. An empty plan has no change other than no-op and
// read: see PlanIsEmpty.
func (r *Run) Plan(config string, args ...string) (*tfjson.Plan, string, error) {
	r.t.Helper()
	return r.PlanContext(context.Background(), config, args...)
}

// PlanContext is Plan with a context (see ApplyContext).
func (r *Run) PlanContext(ctx context.Context, config string, args ...string) (*tfjson.Plan, string, error) {
	r.t.Helper()
	planFile := filepath.Join(r.root, "tfplan")
	out, err := r.command(ctx, config, append([]string{"plan", "-input=false", "-no-color", "-out=" + planFile}, args...))
	if err != nil {
		return nil, out, err
	}
	if !r.busy.TryLock() {
		return nil, out, errBusy
	}
	defer r.busy.Unlock()
	raw, showOut, err := r.run(ctx, true, "show", "-json", "-no-color", planFile)
	if err != nil {
		return nil, out, fmt.Errorf("%w\n%s", err, showOut)
	}
	var plan tfjson.Plan
	if err := json.Unmarshal(raw, &plan); err != nil {
		return nil, out, fmt.Errorf("clitest: reading the plan JSON: %w", err)
	}
	return &plan, out, nil
}

// Destroy writes config (unless ""), initialises when needed and runs
// `destroy -auto-approve` with args.
func (r *Run) Destroy(config string, args ...string) (string, error) {
	r.t.Helper()
	return r.DestroyContext(context.Background(), config, args...)
}

// DestroyContext is Destroy with a context (see ApplyContext).
func (r *Run) DestroyContext(ctx context.Context, config string, args ...string) (string, error) {
	r.t.Helper()
	return r.command(ctx, config, append([]string{"destroy", "-input=false", "-no-color", "-auto-approve"}, args...))
}

// Import writes config (which must declare address), initialises when
// needed and runs `import address id`.
func (r *Run) Import(config, address, id string) (string, error) {
	r.t.Helper()
	return r.command(context.Background(), config, []string{"import", "-input=false", "-no-color", address, id})
}

// Exec runs any CLI command with the providers attached, in Dir, without
// writing a config or initialising: Exec(ctx, "state", "list"),
// Exec(ctx, "output", "-json"), Exec(ctx, "apply", "-refresh-only", ...).
// Pass -no-color and -input=false yourself where the command takes them.
func (r *Run) Exec(ctx context.Context, args ...string) (string, error) {
	r.t.Helper()
	if !r.busy.TryLock() {
		return "", errBusy
	}
	defer r.busy.Unlock()
	_, out, err := r.run(ctx, false, args...)
	return out, err
}

// State returns the state as `show -json` renders it. Before any apply its
// Values is nil.
func (r *Run) State() (*tfjson.State, error) {
	r.t.Helper()
	if !r.busy.TryLock() {
		return nil, errBusy
	}
	defer r.busy.Unlock()
	raw, stderr, err := r.run(context.Background(), true, "show", "-json", "-no-color")
	if err != nil {
		return nil, fmt.Errorf("%w\n%s", err, stderr)
	}
	var st tfjson.State
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil, fmt.Errorf("clitest: reading the state JSON: %w", err)
	}
	return &st, nil
}

// RawState returns the state as the CLI stored it, for checks that must
// see every byte (no secret in state, for instance): terraform.tfstate
// with local state in the default workspace, else what `state pull` reads
// from the backend.
func (r *Run) RawState() ([]byte, error) {
	r.t.Helper()
	if !r.busy.TryLock() {
		return nil, errBusy
	}
	defer r.busy.Unlock()
	if r.backend == "" && r.workspace == "" {
		b, err := os.ReadFile(filepath.Join(r.dir, "terraform.tfstate"))
		if err != nil {
			return nil, fmt.Errorf("clitest: %w", err)
		}
		return b, nil
	}
	raw, stderr, err := r.run(context.Background(), true, "state", "pull")
	if err != nil {
		return nil, fmt.Errorf("%w\n%s", err, stderr)
	}
	return raw, nil
}

// Resources lists the state's resources, child modules included, keyed by
// address (`sandboxdns_record.dcv["example.com"]`).
func Resources(st *tfjson.State) map[string]*tfjson.StateResource {
	out := map[string]*tfjson.StateResource{}
	if st == nil || st.Values == nil {
		return out
	}
	var walk func(m *tfjson.StateModule)
	walk = func(m *tfjson.StateModule) {
		if m == nil {
			return
		}
		for _, res := range m.Resources {
			out[res.Address] = res
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(st.Values.RootModule)
	return out
}

// Addresses is the sorted list of the state's resource addresses.
func Addresses(st *tfjson.State) []string {
	res := Resources(st)
	out := make([]string, 0, len(res))
	for a := range res {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// PlanIsEmpty reports whether p changes nothing, and lists the changes
// (`address: action,action`) when it does.
func PlanIsEmpty(p *tfjson.Plan) (bool, []string) {
	var changes []string
	for _, rc := range p.ResourceChanges {
		if rc.Change == nil || rc.Change.Actions.NoOp() || rc.Change.Actions.Read() {
			continue
		}
		acts := make([]string, len(rc.Change.Actions))
		for i, a := range rc.Change.Actions {
			acts[i] = string(a)
		}
		changes = append(changes, rc.Address+": "+strings.Join(acts, ","))
	}
	for name, oc := range p.OutputChanges {
		if oc != nil && !oc.Actions.NoOp() {
			changes = append(changes, "output."+name+": changed")
		}
	}
	sort.Strings(changes)
	return len(changes) == 0, changes
}

var errBusy = errors.New("clitest: another command of this Run is still running")

// command writes config, initialises when needed, then runs args.
func (r *Run) command(ctx context.Context, config string, args []string) (string, error) {
	r.t.Helper()
	if !r.busy.TryLock() {
		return "", errBusy
	}
	defer r.busy.Unlock()
	if config != "" && config != r.config {
		if err := r.writeConfig(config); err != nil {
			return "", err
		}
	}
	var out bytes.Buffer
	if r.initDone != r.config {
		initOut, err := r.init(ctx)
		out.WriteString(initOut)
		if err != nil {
			return out.String(), err
		}
	}
	_, cmdOut, err := r.run(ctx, false, args...)
	out.WriteString(cmdOut)
	return out.String(), err
}

func (r *Run) init(ctx context.Context) (string, error) {
	r.t.Helper()
	args := []string{"init", "-input=false", "-no-color"}
	if r.reconfigure {
		args = append(args, "-reconfigure")
	}
	_, out, err := r.run(ctx, false, args...)
	if err == nil {
		r.initDone = r.config
		r.reconfigure = false
	}
	return out, err
}
