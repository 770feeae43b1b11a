package opmanager

import (
	"net/http"

	"github.com/opsmock/opsmock/mock/internal/memo"
)

// pure wraps a read whose answer depends on the state, the key and the
// request alone: its rendered answer is kept per key, request and state
// version (mock/internal/memo), and Product.serve answers the same request
// with it until a write moves the version on. Only successes are kept,
// and only when no write happened while the answer was made.
func pure(h handler) handler {
	return func(c *call) (any, error) {
		body, err := h(c)
		if err != nil {
			return nil, err
		}
		a := memo.Render(func(w http.ResponseWriter) { render(w, body, nil) })
		c.store.memo.Keep(c.version, c.memoKey, a)
		return a, nil
	}
}
