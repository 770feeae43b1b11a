package pmp

import (
	"fmt"
	"net/netip"
	"strconv"
)

// Discovery statuses and messages (§40, §41).
const (
	discoverySuccess = "SUCCESS"
	discoveryFailure = "FAILURE"
)

// maxRangeFallback is used only if the spec lost its x-max-range.
const maxRangeFallback = 256

// discoveryPort reads PORT, 443 when absent.
func discoveryPort(c *call) (int, *failure) {
	if !c.has("PORT") {
		return 443, nil
	}
	port, err := strconv.Atoi(c.in("PORT"))
	if err != nil || port < 1 || port > 65535 {
		return 0, failed(msgBadPort)
	}
	return port, nil
}

// discover scans one host of the simulated network and adds a certificate
// it finds to the repository. Callers hold the write lock.
func (st *state) discover(c *call, host string, port int) [2]string {
	h, ok := st.pki.net.host(host)
	if !ok {
		return [2]string{discoveryFailure, fmt.Sprintf("Connection timed out,no certificate found at port %d", port)}
	}
	served, ok := h.TLS[port]
	if !ok {
		return [2]string{discoveryFailure, fmt.Sprintf("Connection failed,no certificate found at port %d", port)}
	}
	cn := served.Cert.Subject.CommonName
	if _, known := st.certBySerial(served.Cert); known {
		return [2]string{discoverySuccess, fmt.Sprintf("SSL Certificate already available, %s certificate found at port %d", cn, port)}
	}
	addr := h.Addr
	if addr == "" {
		addr = host
	}
	st.addCert(&certEntry{Cert: served.Cert, Chain: served.Chain, StoreType: "PKCS12", Host: host, Addr: addr, Port: port,
		OwnerID: c.user.ID, AddedAt: c.now})
	return [2]string{discoverySuccess, fmt.Sprintf("%s certificate found at port %d and added to the certificate repository", cn, port)}
}

// §40
func sslCertSingleDiscovery(c *call) (reply, error) {
	port, f := discoveryPort(c)
	if f != nil {
		return reply{}, f
	}
	host := c.in("HOST")
	out := map[string][2]string{}
	c.store.write(func(st *state) { out[host] = st.discover(c, host, port) })
	return reply{noResult: true, totalRows: rows(1), details: out}, nil
}

// §41: every address of an IPv4 range, up to the spec's x-max-range.
func sslCertRangeDiscovery(c *call) (reply, error) {
	port, f := discoveryPort(c)
	if f != nil {
		return reply{}, f
	}
	start, err1 := netip.ParseAddr(c.in("StartIpAddress"))
	end, err2 := netip.ParseAddr(c.in("EndIpAddress"))
	if err1 != nil || err2 != nil || !start.Is4() || !end.Is4() {
		return reply{}, failed("StartIpAddress and EndIpAddress must be IPv4 addresses.")
	}
	if end.Less(start) {
		return reply{}, failed(msgRangeOrder)
	}
	limit := c.p.maxRange
	a4, b4 := start.As4(), end.As4()
	count := int64(be32(b4)) - int64(be32(a4)) + 1
	if count > int64(limit) {
		return reply{}, failed(fmt.Sprintf(msgRangeTooBig, count, limit))
	}
	out := map[string][2]string{}
	c.store.write(func(st *state) {
		for a := start; ; a = a.Next() {
			out[a.String()] = st.discover(c, a.String(), port)
			if a == end {
				break
			}
		}
	})
	return reply{noResult: true, totalRows: rows(len(out)), details: out}, nil
}

func be32(b [4]byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}
