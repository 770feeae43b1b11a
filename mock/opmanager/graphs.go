package opmanager

import (
	"strconv"
)

// uptimePeriods are the keys of getAvailabilityGraphData's uptimeData, in
// the sample's order.
var uptimePeriods = []string{"Today", "This week", "Last week", "Last 30 days", "Last month", "This month",
	"Last 24 hours", "Yesterday", "Last 7 days", "Last 12 hours"}

type availabilityGraph struct {
	UptimeData map[string]float64 `json:"uptimeData"`
	GraphData  []point            `json:"graphData"`
}

func getAvailabilityGraphData(c *call) (any, error) {
	d, err := c.namedDevice("name")
	if err != nil {
		return nil, err
	}
	lo, hi := upRange(d.StatusNum)
	out := availabilityGraph{UptimeData: map[string]float64{}, GraphData: hourly(c.p.cfg.Clock(), d.IPAddress+"/availability", lo, hi)}
	for _, p := range uptimePeriods {
		out.UptimeData[p] = sample(d.IPAddress+"/uptime/"+p, lo, hi)
	}
	return out, nil
}

// interfaceCopy finds an interface by its name, IF-<device>-<n>, through
// the device index, and copies it out with its device.
func (c *call) interfaceCopy(name string) (device, interfaceDoc, bool) {
	d, found := c.deviceCopy(interfaceDeviceName(name))
	if !found {
		return device{}, interfaceDoc{}, false
	}
	for _, doc := range interfaceDocsOf(d) {
		if doc.InterfaceName == name {
			return d, doc, true
		}
	}
	return device{}, interfaceDoc{}, false
}

// namedInterface is the interface the parameter names, or NOT_FOUND.
func (c *call) namedInterface(param string) (device, interfaceDoc, error) {
	name := c.str(param)
	d, doc, found := c.interfaceCopy(name)
	if !found {
		return d, doc, errNotFound("interface", name)
	}
	return d, doc, nil
}

// interfaceNoteFields are the custom fields every interface has (spec
// getInterfaceNotes, x-inferred).
var interfaceNoteFields = []struct {
	id, name, alias string
	length          int
}{{"1", "CIRCUITID", "Circuit ID", 100}, {"2", "CONTACT", "Contact", 100}, {"3", "COMMENTS", "Comments", 250}}

type interfaceNote struct {
	CustomFieldID string `json:"CUSTOMFIELDID"`
	DataType      string `json:"DATATYPE"`
	Description   string `json:"DESCRIPTION"`
	FieldName     string `json:"FIELDNAME"`
	AliasName     string `json:"ALIASNAME"`
	FieldLength   int    `json:"FIELDLENGTH"`
}

func getInterfaceNotes(c *call) (any, error) {
	if _, _, err := c.namedInterface("interfaceName"); err != nil {
		return nil, err
	}
	out := make([]interfaceNote, len(interfaceNoteFields))
	for i, f := range interfaceNoteFields {
		out[i] = interfaceNote{CustomFieldID: f.id, DataType: "CHAR", Description: f.alias + " of the interface", FieldName: f.name,
			AliasName: f.alias, FieldLength: f.length}
	}
	return out, nil
}

type interfaceDetails struct {
	ParentName string `json:"Parent Name"`
	IfDescr    string `json:"IfDescr"`
	IfIndex    string `json:"IfIndex"`
	IfAlias    string `json:"IfAlias"`
	IfName     string `json:"IfName"`
	CircuitID  string `json:"Circuit ID"`
}

// ifIndex is the interface's index on its device: the n of IF-<device>-<n>.
func ifIndex(doc interfaceDoc) string {
	id, _ := strconv.Atoi(doc.ID)
	return strconv.Itoa(id % 100)
}

func interfaceDetailsOf(d device, doc interfaceDoc) interfaceDetails {
	return interfaceDetails{ParentName: d.DisplayName, IfDescr: doc.InterfaceDisplayName, IfIndex: ifIndex(doc),
		IfAlias: doc.InterfaceDisplayName, IfName: doc.InterfaceDisplayName}
}

type namedSeries struct {
	Name string  `json:"name"`
	Data []point `json:"data"`
}

type interfaceGraph struct {
	InterfaceDetails   interfaceDetails        `json:"interfaceDetails"`
	DisplayName        string                  `json:"displayName"`
	ConsolidatedValues map[string]consolidated `json:"consolidatedValues"`
	SeriesNames        []string                `json:"seriesNames"`
	XYTitles           []string                `json:"xyTitles"`
	GraphData          []namedSeries           `json:"graphData"`
	Suffix             string                  `json:"suffix"`
}

// trafficRange is an interface's bytes an hour: none when it is down.
func trafficRange(doc interfaceDoc) (lo, hi float64) {
	if doc.OperStatus == "Down" {
		return 0, 0.01
	}
	return 1e6, 5e8
}

func getInterfaceGraphs(c *call) (any, error) {
	d, doc, err := c.namedInterface("interfaceName")
	if err != nil {
		return nil, err
	}
	name := doc.InterfaceName
	now := c.p.cfg.Clock()
	lo, hi := trafficRange(doc)
	rx, tx := hourly(now, name+"/rx", lo, hi), hourly(now, name+"/tx", lo, hi)
	total := make([]point, len(rx))
	for i := range rx {
		total[i] = point{X: rx[i].X, Y: round2(rx[i].Y + tx[i].Y)}
	}
	return interfaceGraph{InterfaceDetails: interfaceDetailsOf(d, doc), DisplayName: doc.InterfaceDisplayName,
		ConsolidatedValues: map[string]consolidated{"Total Bytes": consolidate(total), "Rx Bytes": consolidate(rx), "Tx Bytes": consolidate(tx)},
		SeriesNames:        []string{"Rx Bytes", "Tx Bytes"}, XYTitles: []string{"Time", "Bytes"},
		GraphData: []namedSeries{{Name: "Rx Bytes", Data: rx}, {Name: "Tx Bytes", Data: tx}}, Suffix: "Bytes"}, nil
}

// atAGlanceSeries are the graphData series of getIntfAtAGlanceReportDetails,
// with the range each takes on an interface that is up.
var atAGlanceSeries = []struct {
	name   string
	lo, hi float64
}{
	{"Errors", 0, 5}, {"Unicast", 1e3, 1e6}, {"outBytes", 1e6, 5e8}, {"inTraffic", 1e3, 1e6}, {"inBytes", 1e6, 5e8},
	{"inUtilization", 0, 80}, {"outUtilization", 0, 80}, {"Discards", 0, 5}, {"totalUtilization", 0, 80},
	{"inFrames", 1e3, 1e6}, {"outFrames", 1e3, 1e6}, {"outTraffic", 1e3, 1e6},
}

type atAGlanceDetails struct {
	ParentName        string `json:"Parent Name"`
	IfDescr           string `json:"IfDescr"`
	IfAlias           string `json:"IfAlias"`
	IfIndex           string `json:"IfIndex"`
	ReceiveBandwidth  string `json:"Receive Bandwidth"`
	IfName            string `json:"IfName"`
	TransmitBandwidth string `json:"Transmit Bandwidth"`
	CircuitID         string `json:"Circuit ID"`
}

type interfaceAtAGlance struct {
	IntfDisplayName   string             `json:"intfDisplayName"`
	InterfaceCategory string             `json:"InterfaceCategory"`
	Details           atAGlanceDetails   `json:"Details"`
	RepType           int                `json:"repType"`
	GraphData         map[string][]point `json:"graphData"`
}

func getIntfAtAGlanceReportDetails(c *call) (any, error) {
	d, doc, err := c.namedInterface("InterfaceName")
	if err != nil {
		return nil, err
	}
	name := doc.InterfaceName
	now := c.p.cfg.Clock()
	graphs := map[string][]point{}
	for _, s := range atAGlanceSeries {
		lo, hi := s.lo, s.hi
		if doc.OperStatus == "Down" {
			lo, hi = 0, 0.01
		}
		graphs[s.name] = hourly(now, name+"/"+s.name, lo, hi)
	}
	det := interfaceDetailsOf(d, doc)
	return interfaceAtAGlance{IntfDisplayName: doc.InterfaceDisplayName, InterfaceCategory: doc.Type,
		Details: atAGlanceDetails{ParentName: det.ParentName, IfDescr: det.IfDescr, IfAlias: det.IfAlias, IfIndex: det.IfIndex,
			ReceiveBandwidth: doc.InSpeed, IfName: det.IfName, TransmitBandwidth: doc.OutSpeed},
		RepType: 1, GraphData: graphs}, nil
}

type bandwidthOutage struct {
	InSpeed              string                  `json:"InSpeed"`
	IfDesc               string                  `json:"IfDesc"`
	RepType              int                     `json:"repType"`
	ConsolidatedValues   map[string]consolidated `json:"consolidatedValues"`
	SeriesNames          []string                `json:"seriesNames"`
	BWChartData          []namedSeries           `json:"bwChartData"`
	InterfaceDisplayName string                  `json:"InterfaceDisplayName"`
	IfAlias              string                  `json:"IfAlias"`
	Suffix               string                  `json:"suffix"`
	AvailData            map[string]float64      `json:"availData"`
	DeviceName           string                  `json:"deviceName"`
	InterfaceDetails     interfaceDetails        `json:"interfaceDetails"`
	OutSpeed             string                  `json:"OutSpeed"`
	Name                 string                  `json:"name"`
}

func getIntfBWOutageReportDetails(c *call) (any, error) {
	d, doc, err := c.namedInterface("interfaceName")
	if err != nil {
		return nil, err
	}
	name := doc.InterfaceName
	now := c.p.cfg.Clock()
	lo, hi := trafficRange(doc)
	in, out := hourly(now, name+"/in", lo/1e3, hi/1e3), hourly(now, name+"/out", lo/1e3, hi/1e3)
	total := make([]point, len(in))
	for i := range in {
		total[i] = point{X: in[i].X, Y: round2(in[i].Y + out[i].Y)}
	}
	return bandwidthOutage{InSpeed: doc.InSpeed, IfDesc: doc.InterfaceDisplayName, RepType: 1,
		ConsolidatedValues:   map[string]consolidated{"Total": consolidate(total), "InTraffic": consolidate(in), "OutTraffic": consolidate(out)},
		SeriesNames:          []string{"InTraffic", "OutTraffic"},
		BWChartData:          []namedSeries{{Name: "InTraffic", Data: in}, {Name: "OutTraffic", Data: out}},
		InterfaceDisplayName: doc.InterfaceDisplayName, IfAlias: doc.InterfaceDisplayName, Suffix: "Kbps",
		AvailData: availability(doc.StatusNum), DeviceName: d.DeviceName, InterfaceDetails: interfaceDetailsOf(d, doc),
		OutSpeed: doc.OutSpeed, Name: doc.InterfaceName}, nil
}
