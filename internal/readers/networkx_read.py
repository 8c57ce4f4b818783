"""Read a GEXF or GraphML file with networkx and print what it holds as JSON.

Usage: python3 networkx_read.py gexf|graphml FILE

The JSON has the node and edge counts, every node's attributes and every
edge's source, target and attributes, all as strings, so the Go test that
runs this can compare them with what it exported. networkx before 3.0
(Debian 12 ships 2.8) knows the GEXF 1.1draft and 1.2draft namespaces only;
for those the GEXF 1.3 namespace is registered with the same reader, as
networkx 3 does itself.
"""
import json
import sys

import networkx as nx
from networkx.readwrite import gexf as nxgexf


def register_gexf_13():
    if "1.3" in nxgexf.GEXF.versions:
        return
    nxgexf.GEXF.versions["1.3"] = {
        "NS_GEXF": "http://gexf.net/1.3",
        "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "VERSION": "1.3",
    }


def strs(d):
    return {str(k): str(v) for k, v in d.items()}


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    if fmt == "gexf":
        register_gexf_13()
        g = nx.read_gexf(path, version="1.3")
    elif fmt == "graphml":
        g = nx.read_graphml(path)
    else:
        raise SystemExit("want gexf or graphml, got " + fmt)
    out = {
        "reader": "networkx " + nx.__version__,
        "directed": g.is_directed(),
        "graph": strs(g.graph),
        "nodes": {str(n): strs(d) for n, d in g.nodes(data=True)},
        "edges": [
            dict(strs(d), _source=str(u), _target=str(v))
            for u, v, d in g.edges(data=True)
        ],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)


main()
