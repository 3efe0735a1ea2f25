package certcentral

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	unavailable = `{"errors":[{"code":"service_unavailable","message":"Try again later."}]}`
	rateLimited = `{"errors":[{"code":"request_limit_exceeded","message":"Service unavailable, please limit request volume"}]}`
	orderBody   = `{"id":7,"status":"issued"}`
)

func TestRetry_GETOn5xxUpToMaxRetries(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
				reply(w, status, unavailable)
			})
			cl := newTestClient(t, srv.URL, func(c *Config) { c.MaxRetries = 3 })
			_, err := cl.GetOrder(context.Background(), 7)
			apiErr, ok := AsAPIError(err)
			if !ok || apiErr.StatusCode != status {
				t.Fatalf("error = %v, want the last HTTP %d", err, status)
			}
			if !strings.Contains(err.Error(), "GET /order/certificate/7") || !strings.Contains(err.Error(), "Try again later.") {
				t.Errorf("error %q does not say what failed", err)
			}
			if n := srv.count(); n != 4 {
				t.Errorf("server saw %d requests, want MaxRetries+1 = 4", n)
			}
		})
	}
}

// A request under WithoutRetries is sent once, whatever the error.
func TestRetry_withoutRetriesSendsOnce(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusServiceUnavailable, unavailable)
	})
	cl := newTestClient(t, srv.URL, func(c *Config) { c.MaxRetries = 3 })
	_, err := cl.GetDCVRandomValue(WithoutRetries(context.Background()), 7)
	if apiErr, ok := AsAPIError(err); !ok || apiErr.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("error = %v, want the HTTP 503", err)
	}
	if n := srv.count(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestRetry_GETOn5xxThenSuccess(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		if n <= 2 {
			reply(w, http.StatusBadGateway, unavailable)
			return
		}
		reply(w, http.StatusOK, orderBody)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.GetOrder(context.Background(), 7)
	if err != nil || got.Status != "issued" {
		t.Fatalf("GetOrder = %+v, %v", got, err)
	}
	if n := srv.count(); n != 3 {
		t.Errorf("server saw %d requests, want 3", n)
	}
}

func TestRetry_GETOnDroppedConnection(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		dropConnection(t, w)
	})
	cl := newTestClient(t, srv.URL, func(c *Config) { c.MaxRetries = 2 })
	_, err := cl.GetOrder(context.Background(), 7)
	if err == nil {
		t.Fatal("GetOrder succeeded against a server that drops every connection")
	}
	if _, ok := AsAPIError(err); ok {
		t.Errorf("error %v is an APIError; no answer came", err)
	}
	if !strings.Contains(err.Error(), "GET /order/certificate/7") {
		t.Errorf("error %q does not name the request", err)
	}
	if n := srv.count(); n != 3 {
		t.Errorf("server saw %d requests, want MaxRetries+1 = 3", n)
	}
}

func TestRetry_droppedConnectionThenSuccess(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		if n == 1 {
			dropConnection(t, w)
			return
		}
		reply(w, http.StatusOK, orderBody)
	})
	cl := newTestClient(t, srv.URL, nil)
	if _, err := cl.GetOrder(context.Background(), 7); err != nil {
		t.Fatalf("GetOrder: %v", err)
	}
	if n := srv.count(); n != 2 {
		t.Errorf("server saw %d requests, want 2", n)
	}
}

func TestRetry_4xxNotRetried(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 409, 422} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
				reply(w, status, `{"errors":[{"code":"x","message":"no"}]}`)
			})
			cl := newTestClient(t, srv.URL, nil)
			_, err := cl.GetOrder(context.Background(), 7)
			if apiErr, ok := AsAPIError(err); !ok || apiErr.StatusCode != status {
				t.Fatalf("error = %v, want HTTP %d", err, status)
			}
			if n := srv.count(); n != 1 {
				t.Errorf("server saw %d requests, want 1", n)
			}
		})
	}
}

func TestRetry_429ThenSuccess(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		if n <= 2 {
			reply(w, http.StatusTooManyRequests, rateLimited)
			return
		}
		reply(w, http.StatusOK, orderBody)
	})
	cl := newTestClient(t, srv.URL, nil)
	got, err := cl.GetOrder(context.Background(), 7)
	if err != nil || got.ID != 7 {
		t.Fatalf("GetOrder = %+v, %v", got, err)
	}
	if n := srv.count(); n != 3 {
		t.Errorf("server saw %d requests, want 3", n)
	}
}

// TestRetry_nonIdempotentPUT: a revoke files a revoke request, so it is
// repeated only after a 429 (not processed), never after a 5xx or a lost
// answer.
func TestRetry_nonIdempotentPUT(t *testing.T) {
	t.Run("5xx", func(t *testing.T) {
		srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
			reply(w, http.StatusInternalServerError, unavailable)
		})
		cl := newTestClient(t, srv.URL, nil)
		if _, err := cl.RevokeOrder(context.Background(), 7, RevokeRequest{Comments: "x"}); err == nil {
			t.Fatal("RevokeOrder succeeded")
		}
		if n := srv.count(); n != 1 {
			t.Errorf("server saw %d requests, want 1", n)
		}
	})
	t.Run("dropped", func(t *testing.T) {
		var srv *apiServer
		srv = newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
			srv.readBody(t, r, rec)
			dropConnection(t, w)
		})
		cl := newTestClient(t, srv.URL, nil)
		if _, err := cl.RevokeCertificate(context.Background(), 8, RevokeRequest{Comments: "x"}); err == nil {
			t.Fatal("RevokeCertificate succeeded")
		}
		if n := srv.count(); n != 1 {
			t.Errorf("server saw %d requests, want 1", n)
		}
	})
	t.Run("429", func(t *testing.T) {
		srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
			if n == 1 {
				reply(w, http.StatusTooManyRequests, rateLimited)
				return
			}
			w.WriteHeader(http.StatusNoContent)
		})
		cl := newTestClient(t, srv.URL, nil)
		got, err := cl.RevokeOrder(context.Background(), 7, RevokeRequest{Comments: "x"})
		if err != nil || got != nil {
			t.Fatalf("RevokeOrder = %+v, %v; want nil, nil", got, err)
		}
		if n := srv.count(); n != 2 {
			t.Errorf("server saw %d requests, want 2", n)
		}
	})
}

func TestRetry_negativeMaxRetriesMeansNone(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusServiceUnavailable, unavailable)
	})
	cl := newTestClient(t, srv.URL, func(c *Config) { c.MaxRetries = -1 })
	if _, err := cl.GetOrder(context.Background(), 7); err == nil {
		t.Fatal("GetOrder succeeded")
	}
	if n := srv.count(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

// TestRetry_contextCancelStopsPromptly: a cancelled apply must not sit
// through the backoff.
func TestRetry_contextCancelStopsPromptly(t *testing.T) {
	first := make(chan struct{})
	var once sync.Once
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		once.Do(func() { close(first) })
		reply(w, http.StatusServiceUnavailable, unavailable)
	})
	cl := newTestClient(t, srv.URL, func(c *Config) {
		c.MaxRetries = 100
		c.MinBackoff = 10 * time.Second
		c.MaxBackoff = 10 * time.Second
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelledAt time.Time
	go func() {
		<-first
		time.Sleep(20 * time.Millisecond) // the client is now in its backoff
		cancelledAt = time.Now()
		cancel()
	}()
	_, err := cl.GetOrder(ctx, 7)
	returned := time.Now()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
	if !strings.Contains(err.Error(), "HTTP 503") {
		t.Errorf("error %q hides the failure that was being retried", err)
	}
	if d := returned.Sub(cancelledAt); d > time.Second {
		t.Errorf("GetOrder returned %v after the cancellation", d)
	}
	if n := srv.count(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}

func TestRetry_cancelledContextSendsNothing(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusOK, orderBody)
	})
	cl := newTestClient(t, srv.URL, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := cl.OrderDVSSL(ctx, "ssl_dv_geotrust", minimalOrder)
	if !errors.Is(err, context.Canceled) || IsOutcomeUnknown(err) {
		t.Fatalf("error = %v, want a plain context.Canceled", err)
	}
	if n := srv.count(); n != 0 {
		t.Errorf("server saw %d requests, want 0", n)
	}
}

// TestRetry_maxRetryWaitBoundsTheTotal: a persistent failure ends once the
// backoffs would exceed MaxRetryWait, however many retries remain.
func TestRetry_maxRetryWaitBoundsTheTotal(t *testing.T) {
	srv := newAPIServer(t, func(w http.ResponseWriter, r *http.Request, n int, rec *seenRequest) {
		reply(w, http.StatusServiceUnavailable, unavailable)
	})
	cl := newTestClient(t, srv.URL, func(c *Config) {
		c.MaxRetries = 1000
		c.MinBackoff = 20 * time.Millisecond
		c.MaxBackoff = 20 * time.Millisecond
		c.MaxRetryWait = 150 * time.Millisecond
	})
	start := time.Now()
	_, err := cl.GetOrder(context.Background(), 7)
	elapsed := time.Since(start)
	if apiErr, ok := AsAPIError(err); !ok || apiErr.StatusCode != 503 {
		t.Fatalf("error = %v, want the 503", err)
	}
	// Each backoff is between 10 and 20 ms, and they add up to at most 150 ms.
	if n := srv.count(); n < 2 || n > 16 {
		t.Errorf("server saw %d requests, want between 2 and 16", n)
	}
	if elapsed > 2*time.Second {
		t.Errorf("GetOrder took %v with MaxRetryWait 150ms", elapsed)
	}
}

func TestBackoff_boundsAndJitter(t *testing.T) {
	cl := &Client{retry: retryPolicy{minBackoff: 100 * time.Millisecond, maxBackoff: 2 * time.Second}}
	for attempt := 1; attempt <= 70; attempt++ {
		d := min(100*time.Millisecond<<min(attempt-1, 20), 2*time.Second)
		for range 20 {
			got := cl.backoff(attempt)
			if got < d/2 || got > d {
				t.Fatalf("backoff(%d) = %v, want within [%v, %v]", attempt, got, d/2, d)
			}
		}
	}
}
