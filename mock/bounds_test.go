package mock

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingBody is a large body that counts what is read of it.
type countingBody struct {
	left int
	read atomic.Int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	if c.left == 0 {
		return 0, io.EOF
	}
	n := min(len(p), c.left)
	for i := range n {
		p[i] = 'a'
	}
	c.left -= n
	c.read.Add(int64(n))
	return n, nil
}

// TestRefusedCallersBodiesAreNotRead: a wrong credential in a header is
// refused before the body is read; the journal keeps at most its first
// 64 KiB.
func TestRefusedCallersBodiesAreNotRead(t *testing.T) {
	s := newServer(t)
	for _, c := range []struct{ path, header string }{
		{"/restapi/json/v1/resources", "AUTHTOKEN"},
		{"/api/json/discovery/addDevice", "apiKey"},
		{"/api/public/v1.0/admin/apiKeys", "Authorization"},
	} {
		body := &countingBody{left: 8 << 20}
		req := httptest.NewRequest(http.MethodPost, c.path, body)
		req.Header.Set(c.header, "wrong")
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		assert.Less(t, rec.Code, 500, c.path)
		assert.LessOrEqual(t, body.read.Load(), int64(journalBodyBytes), "%s read %d bytes of a refused body", c.path, body.read.Load())
	}
}

// TestBodyBudget: concurrent large bodies past the server's budget get
// their product's error, not the memory; the budget is whole afterwards.
func TestBodyBudget(t *testing.T) {
	s := newServer(t, WithBodyBudget(512<<10)) // less than one of the bodies below
	token := s.Credentials().PMP[0].AuthToken
	var wg sync.WaitGroup
	var refused atomic.Int32
	for range 8 {
		wg.Go(func() {
			big := "INPUT_DATA=" + strings.Repeat("a", 1<<20)
			req := httptest.NewRequest(http.MethodPost, "/restapi/json/v1/resources", strings.NewReader(big))
			req.Header.Set("AUTHTOKEN", token)
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			assert.Equal(t, http.StatusOK, rec.Code, "PMP's Failed envelope, not a 500")
			if strings.Contains(rec.Body.String(), "could not be read") {
				refused.Add(1)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(8), refused.Load(), "each body is past the budget")
	assert.Zero(t, s.bodyBytes.Load(), "every request gave its bytes back")
	req := httptest.NewRequest(http.MethodGet, "/restapi/json/v1/resources", nil)
	req.Header.Set("AUTHTOKEN", token)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	assert.Contains(t, rec.Body.String(), `"status":"Success"`, "within the budget all is as usual")
}

// TestSlowClientIsCutOff: a client trickling its body is disconnected by
// the read timeout instead of holding a connection forever.
func TestSlowClientIsCutOff(t *testing.T) {
	s := newServer(t, WithTimeouts(Timeouts{Read: 300 * time.Millisecond}))
	require.NoError(t, s.Start())
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.URL(), "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "POST /restapi/json/v1/resources HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n")
	require.NoError(t, err)
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		r := bufio.NewReader(conn)
		for {
			if _, err := r.ReadByte(); err != nil {
				return
			}
		}
	}()
	for range 100 { // a byte every 50ms: 5s for the whole body
		if _, err := conn.Write([]byte("a")); err != nil {
			break
		}
		select {
		case <-closed:
			return // cut off
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatal("the server kept a trickling client for 5s")
}
