package opmanager

import (
	"strconv"
)

// urlMonitor is a seeded URL monitor; Device is "" when bound to none.
type urlMonitor struct {
	ID           int     `json:"id"`
	Name         string  `json:"name"`
	URL          string  `json:"url"`
	Device       string  `json:"device"`
	Availability float64 `json:"availability"`
}

type scriptMonitor struct {
	ID          int    `json:"id"`
	GraphID     int    `json:"graphId"`
	Name        string `json:"name"`
	Description string `json:"description"`
	ExecuteFrom string `json:"executeFrom"`
}

type urlMonitorDoc struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	URL          string  `json:"url"`
	DeviceName   string  `json:"deviceName"`
	Status       string  `json:"status"`
	StatusNum    int     `json:"statusNum"`
	Availability float64 `json:"availability"`
	ResponseTime string  `json:"responseTime"`
}

func urlMonitorDocOf(u *urlMonitor) urlMonitorDoc {
	status := 5
	switch {
	case u.Availability < 50:
		status = 1
	case u.Availability < 99:
		status = 3
	}
	rt := strconv.Itoa(int(sample(u.URL+"/rt", 20, 400))) + " ms"
	if status == 1 {
		rt = "-1 ms"
	}
	return urlMonitorDoc{ID: idString(u.ID), Name: u.Name, URL: u.URL, DeviceName: u.Device, Status: severityNames[status],
		StatusNum: status, Availability: u.Availability, ResponseTime: rt}
}

// availabilityBand is the Details key a monitor falls in: "00-10%" to
// "90-100%".
func availabilityBand(a float64) string {
	lo := min(int(a)/10*10, 90)
	pad := func(n int) string {
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
		return strconv.Itoa(n)
	}
	return pad(lo) + "-" + strconv.Itoa(lo+10) + "%"
}

type dialCount struct {
	Band  string `json:"band"`
	Count int    `json:"count"`
}

type urlMonitors struct {
	List        []urlMonitorDoc            `json:"List"`
	Details     map[string][]urlMonitorDoc `json:"Details"`
	DialCounter []dialCount                `json:"DialCounter"`
}

func listURLMonitors(c *call) (any, error) {
	out := urlMonitors{List: []urlMonitorDoc{}, Details: map[string][]urlMonitorDoc{}, DialCounter: []dialCount{}}
	c.store.read(func(st *state) {
		for _, u := range st.records.URLMonitors {
			doc := urlMonitorDocOf(u)
			out.List = append(out.List, doc)
			band := availabilityBand(u.Availability)
			out.Details[band] = append(out.Details[band], doc)
		}
	})
	for lo := 0; lo <= 90; lo += 10 {
		band := availabilityBand(float64(lo))
		out.DialCounter = append(out.DialCounter, dialCount{Band: band, Count: len(out.Details[band])})
	}
	return out, nil
}

func listAllDevicesSpecificURLs(c *call) (any, error) {
	out := []urlMonitorDoc{}
	c.store.read(func(st *state) {
		for _, u := range st.records.URLMonitors {
			if u.Device != "" {
				out = append(out, urlMonitorDocOf(u))
			}
		}
	})
	return out, nil
}

type scriptMonitorDoc struct {
	GraphName   string `json:"graphName"`
	ScriptID    string `json:"scriptID"`
	ExecuteFrom string `json:"executeFrom"`
	GraphDesc   string `json:"graphDesc"`
	GraphID     string `json:"graphID"`
}

func listScriptMonitors(c *call) (any, error) {
	out := []scriptMonitorDoc{}
	c.store.read(func(st *state) {
		for _, s := range st.records.ScriptMonitors {
			out = append(out, scriptMonitorDoc{GraphName: s.Name, ScriptID: idString(s.ID), ExecuteFrom: s.ExecuteFrom,
				GraphDesc: s.Description, GraphID: idString(s.GraphID)})
		}
	})
	return out, nil
}
