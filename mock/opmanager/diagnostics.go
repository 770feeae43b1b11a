package opmanager

import (
	"fmt"
	"strings"
)

// isDown says whether a status means the device does not answer: Critical
// or Service Down (spec getDownDevices).
func isDown(status int) bool { return status == 1 || status == 4 }

type pingResponse struct {
	PingResponse struct {
		Details string `json:"Details"`
	} `json:"PingResponse"`
}

// getPingResponse answers what ping would print; nothing is sent (spec).
func getPingResponse(c *call) (any, error) {
	d, err := c.namedDevice("deviceName")
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Pinging %s [%s] with 32 bytes of data:\n", d.DeviceName, d.IPAddress)
	for i := 0; i < 4; i++ {
		if isDown(d.StatusNum) {
			b.WriteString("Request timed out.\n")
			continue
		}
		fmt.Fprintf(&b, "Reply from %s: bytes=32 time=%dms TTL=128\n", d.IPAddress, int(sample(d.IPAddress+"ping"+fmt.Sprint(i), 1, 20)))
	}
	lost := 0
	if isDown(d.StatusNum) {
		lost = 4
	}
	fmt.Fprintf(&b, "\nPing statistics for %s:\n    Packets: Sent = 4, Received = %d, Lost = %d (%d%% loss)", d.IPAddress, 4-lost, lost, lost*25)
	var out pingResponse
	out.PingResponse.Details = b.String()
	return out, nil
}

type traceResponse struct {
	TraceResponse struct {
		Details string `json:"Details"`
	} `json:"TraceResponse"`
}

// getTraceResponse answers what tracert would print; nothing is sent.
func getTraceResponse(c *call) (any, error) {
	d, err := c.namedDevice("deviceName")
	if err != nil {
		return nil, err
	}
	gateway := d.IPAddress
	if i := strings.LastIndexByte(gateway, '.'); i > 0 {
		gateway = gateway[:i] + ".254"
	}
	last := fmt.Sprintf("  2    %d ms    %d ms    %d ms  %s", int(sample(d.IPAddress+"t1", 1, 9)), int(sample(d.IPAddress+"t2", 1, 9)),
		int(sample(d.IPAddress+"t3", 1, 9)), d.IPAddress)
	if isDown(d.StatusNum) {
		last = "  2     *        *        *     Request timed out."
	}
	var out traceResponse
	out.TraceResponse.Details = fmt.Sprintf("Tracing route to %s [%s]\nover a maximum of 30 hops:\n\n  1    <1 ms    <1 ms    <1 ms  %s\n%s\n\nTrace complete.",
		d.DeviceName, d.IPAddress, gateway, last)
	return out, nil
}
