package seed

func (im *importer) stix(data []byte) error { return nil }
