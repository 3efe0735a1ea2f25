package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/types/known/emptypb"
)

// The handshake Terraform and OpenTofu use with every provider plugin
// (terraform/internal/plugin: Handshake).
var pluginHandshake = plugin.HandshakeConfig{
	ProtocolVersion:  5,
	MagicCookieKey:   "TF_PLUGIN_MAGIC_COOKIE",
	MagicCookieValue: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
}

// StartResult is one start of the provider binary.
type StartResult struct {
	// ToSchema is from starting the process to having the whole
	// GetProviderSchema answer: what a CLI waits for before it can do
	// anything with the provider.
	ToSchema time.Duration
	// PeakRSS is the process's high-water resident set (VmHWM) once the
	// schema was served, in bytes.
	PeakRSS int64
	// SchemaBytes is the size of the GetProviderSchema answer.
	SchemaBytes int
	// ResourceTypes and DataSourceTypes are counted in that answer.
	ResourceTypes, DataSourceTypes int
}

// StartProvider starts the provider binary the way Terraform does
// (go-plugin, gRPC, plugin protocol 6, automatic mutual TLS), asks for its
// schema, reads its peak RSS and stops it.
func StartProvider(ctx context.Context, binary string) (StartResult, error) {
	cmd := exec.Command(binary)
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  pluginHandshake,
		VersionedPlugins: map[int]plugin.PluginSet{6: {"provider": rawGRPCPlugin{}}},
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true,
		Logger:           hclog.NewNullLogger(),
	})
	defer client.Kill()

	var res StartResult
	start := time.Now()
	rpc, err := client.Client()
	if err != nil {
		return res, fmt.Errorf("starting %s: %w", binary, err)
	}
	raw, err := rpc.Dispense("provider")
	if err != nil {
		return res, fmt.Errorf("dispensing the provider: %w", err)
	}
	conn, ok := raw.(*grpc.ClientConn)
	if !ok {
		return res, fmt.Errorf("dispensed %T, want *grpc.ClientConn", raw)
	}
	// The request is an empty message; the answer lands in the unknown
	// fields of an Empty, which keeps them as they came.
	answer := &emptypb.Empty{}
	if err := conn.Invoke(ctx, "/tfplugin6.Provider/GetProviderSchema", &emptypb.Empty{}, answer); err != nil {
		return res, fmt.Errorf("GetProviderSchema: %w", err)
	}
	res.ToSchema = time.Since(start)
	body := answer.ProtoReflect().GetUnknown()
	res.SchemaBytes = len(body)
	diags := 0
	for len(body) > 0 {
		num, typ, n := protowire.ConsumeTag(body)
		if n < 0 {
			return res, errors.New("the schema answer is not protobuf")
		}
		body = body[n:]
		m := protowire.ConsumeFieldValue(num, typ, body)
		if m < 0 {
			return res, errors.New("the schema answer is not protobuf")
		}
		body = body[m:]
		// GetProviderSchema.Response (tfplugin6.proto): 2 resource_schemas,
		// 3 data_source_schemas, 4 diagnostics.
		switch num {
		case 2:
			res.ResourceTypes++
		case 3:
			res.DataSourceTypes++
		case 4:
			diags++
		}
	}
	if diags > 0 {
		return res, fmt.Errorf("GetProviderSchema answered %d diagnostics", diags)
	}
	if cmd.Process == nil {
		return res, errors.New("no provider process")
	}
	res.PeakRSS, err = peakRSS(cmd.Process.Pid)
	return res, err
}

// peakRSS reads VmHWM of a process, in bytes.
func peakRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the provider's peak RSS: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("VmHWM %q: %w", rest, err)
			}
			return kb * 1024, nil
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

// rawGRPCPlugin hands out the plugin's gRPC connection itself.
type rawGRPCPlugin struct {
	plugin.NetRPCUnsupportedPlugin
}

func (rawGRPCPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return errors.New("the benchmark is only a client")
}

func (rawGRPCPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, conn *grpc.ClientConn) (any, error) {
	return conn, nil
}
