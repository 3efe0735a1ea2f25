package main

import (
	"reflect"
	"testing"
)

func TestQuietLogsUnlessAsked(t *testing.T) {
	run := func(env map[string]string) map[string]string {
		quietLogsUnlessAsked(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		return env
	}
	off := map[string]string{"TF_LOG_SDK": "off", "TF_LOG_SDK_PROTO": "off", "TF_LOG_SDK_FRAMEWORK": "off", "TF_LOG_PROVIDER_DIGICERT": "off"}
	if got := run(map[string]string{}); !reflect.DeepEqual(got, off) {
		t.Errorf("no log variables: got %v, want every log off", got)
	}
	for _, asked := range []map[string]string{{"TF_LOG": "DEBUG"}, {"TF_LOG_PROVIDER": "TRACE"}} {
		want := map[string]string{}
		for k, v := range asked {
			want[k] = v
		}
		if got := run(asked); !reflect.DeepEqual(got, want) {
			t.Errorf("with %v: got %v, want the environment untouched", want, got)
		}
	}
	if got := run(map[string]string{"TF_LOG_SDK": "DEBUG"}); got["TF_LOG_SDK"] != "DEBUG" || got["TF_LOG_PROVIDER_DIGICERT"] != "off" {
		t.Errorf("an explicit TF_LOG_SDK was overridden: %v", got)
	}
}
