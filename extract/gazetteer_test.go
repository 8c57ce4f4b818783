package extract

import "testing"

func TestGazetteer(t *testing.T) {
	for in, want := range map[string]string{
		"Ukrainian": "UKR", "Ukrainians": "UKR", "Afghan": "AFG", "Afghans": "AFG", "Russian": "RUS", "Russians": "RUS",
		"Pakistani": "PAK", "Iraqi": "IRQ", "Chinese": "CHN", "Syrian": "SYR", "Iranian": "IRN", "Tajik": "TJK",
		"Israeli": "ISR", "French": "FRA", "Turkish": "TUR", "American": "USA", "Uzbek": "UZB", "German": "DEU",
		"Yemeni": "YEM", "Egyptian": "EGY", "Belarusian": "BLR",
		"Islamic": "", "Taliban": "", "Moscow": "", "Kabul": "", "Front": "", "Veltan": "", "Christian": "", "Sunni": "",
	} {
		c, _, ok := demonym(in)
		got := ""
		if ok {
			got = c.Alpha3()
		}
		if got != want {
			t.Errorf("demonym(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Russia": "RUS", "Russian Federation": "RUS", "US": "USA", "Ukraine's": "UKR", "IS": "", "Velta": "", "chad": ""} {
		c, ok := country(in)
		got := ""
		if ok {
			got = c.Alpha3()
		}
		if got != want {
			t.Errorf("country(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"Kyiv": "UKR", "Moscow": "RUS", "Kabul": "AFG", "Krasnogorsk": ""} {
		c, ok := capitalOf(in)
		got := ""
		if ok {
			got = c.Alpha3()
		}
		if got != want {
			t.Errorf("capitalOf(%q) = %q, want %q", in, got, want)
		}
	}
}
