# Regenerates tests/runtime/validate/ (one folder per case: package.json and
# the expected stdout/stderr text) from the compat_test object and its
# hand-written meta, and from progs/unknown_sec.bpf.c compiled to /tmp/vgen/unk.o.
#   python3 validate_gen.py tests/runtime/validate [COMPAT_OBJ [UNKNOWN_SEC_OBJ]]
import json, zlib, base64, os, sys, copy
out = sys.argv[1]
obj = open(sys.argv[2] if len(sys.argv) > 2 else '/tmp/rtp/compat_test.bpf.o','rb').read()
meta = json.load(open('/work/main/tests/runtime/compat/compat_test.meta.json'))
def pkg(o=obj, m=meta, size=None, b64=None):
    z = zlib.compress(o, 9)
    return {"bpf_object": b64 if b64 is not None else base64.b64encode(z).decode(),
            "bpf_object_size": len(o) if size is None else size, "meta": m}
cases = {}
def add(name, text, expect, good=False):
    d = os.path.join(out, name); os.makedirs(d, exist_ok=True)
    open(os.path.join(d, 'package.json'), 'w').write(text)
    open(os.path.join(d, 'expected-stdout' if good else 'expected-stderr'), 'w').write(expect + '\n')
J = lambda x: json.dumps(x, sort_keys=True)
add('good-compat', J(pkg()), "package 'compat_test_bpf' is valid", True)
m = copy.deepcopy(meta); m['bpf_skel']['maps'] = None; m['bpf_skel']['progs'] = None; m['unknown_key'] = {"x": 1}
add('good-null-lists', J(pkg(m=m)), "arguments: 4", True)
add('bad-json', J(pkg())[:500], "not valid JSON")
p = pkg(); del p['bpf_object']; add('missing-object', J(p), "missing or non-string field 'bpf_object'")
p = pkg(); p['bpf_object_size'] = "10"; add('size-not-number', J(p), "missing or non-integer field 'bpf_object_size'")
p = pkg(); del p['meta']; add('missing-meta', J(p), "missing field 'meta' (an object)")
m = copy.deepcopy(meta); del m['bpf_skel']['obj_name']; add('missing-obj-name', J(pkg(m=m)), "missing field 'meta.bpf_skel.obj_name'")
p = pkg(); p['bpf_object'] = p['bpf_object'][:40] + '!' + p['bpf_object'][41:]; add('bad-base64', J(p), "field 'bpf_object' is not valid base64")
p = pkg(); p['bpf_object'] = base64.b64encode(b'not a zlib stream at all').decode(); add('bad-zlib', J(p), "'bpf_object' is not a valid zlib stream")
add('size-mismatch', J(pkg(size=len(obj)+1)), "'bpf_object_size' is %d but the object inflates to %d bytes" % (len(obj)+1, len(obj)))
bomb = zlib.compress(b'\0' * (65 << 20), 9)
add('zip-bomb', J(pkg(size=100, b64=base64.b64encode(bomb).decode())), "inflates to more than 67108864 bytes (the limit)")
bad = bytearray(obj); bad[0x3e:0x40] = (0x7000).to_bytes(2, 'little')   # e_shstrndx
add('corrupt-elf', J(pkg(o=bytes(bad))), "corrupt BPF object: ELF: section name table index 28672 out of range")
m = copy.deepcopy(meta); m['export_types'][0]['name'] = 'nope'; add('export-type-missing', J(pkg(m=m)), "export type 'struct nope' is not in the object's BTF")
m = copy.deepcopy(meta); m['export_types'][0]['members'].pop(); add('export-member-count', J(pkg(m=m)), "export type 'struct event': meta lists 3 members, the BTF has 4")
m = copy.deepcopy(meta); m['export_types'][0]['size'] = 90; add('export-size', J(pkg(m=m)), "export type 'struct event': size 90, the BTF says 88")
m = copy.deepcopy(meta); m['bpf_skel']['data_sections'][0]['variables'].append({"name": "ghost", "type": "int"}); add('variable-missing', J(pkg(m=m)), "variable 'ghost' is not in the object's .rodata DATASEC")
m = copy.deepcopy(meta); m['bpf_skel']['progs'][0]['name'] = 'renamed'; add('program-missing', J(pkg(m=m)), "meta.bpf_skel.progs: program 'renamed' is not in the object")
m = copy.deepcopy(meta); m['bpf_skel']['maps'][0]['name'] = 'rb2'; add('map-missing', J(pkg(m=m)), "meta.bpf_skel.maps: map 'rb2' is not in the object")
unk = open(sys.argv[3] if len(sys.argv) > 3 else '/tmp/vgen/unk.o','rb').read()
m = {"bpf_skel": {"obj_name": "unk_bpf", "data_sections": [], "maps": [], "progs": []}, "export_types": []}
add('unknown-section', J(pkg(o=unk, m=m)), "program 'tcx_prog': section 'tcx/ingress' is not known to libbpf 1.1")
add('not-an-object', '[1, 2, 3]', "the package is not a JSON object")
m = copy.deepcopy(meta); m['bpf_skel']['progs'][0]['tchook'] = {"ifindex": 1, "attach_point": "BPF_TC_SIDEWAYS"}
add('bad-tchook', J(pkg(m=m)), "tchook.attach_point 'BPF_TC_SIDEWAYS' is not BPF_TC_INGRESS, BPF_TC_EGRESS or BPF_TC_CUSTOM")
m = copy.deepcopy(meta); m['bpf_skel']['maps'][0]['sample'] = {"interval": 1000, "type": "log3_hist"}
add('bad-sample-type', J(pkg(m=m)), "map 'rb': sample type 'log3_hist' is not log2_hist, linear_hist or default_kv")
m = copy.deepcopy(meta); m['bpf_skel']['maps'][0]['sample'] = {"interval": -5, "type": "default_kv"}
add('bad-sample-interval', J(pkg(m=m)), "map 'rb': sample interval must be 1..3600000 ms")
m = copy.deepcopy(meta); m['bpf_skel']['maps'][0]['export_config'] = {"btf_type_id": 1}
add('bad-export-config-id', J(pkg(m=m)), "map 'rb': export_config.btf_type_id is not a struct in the object's BTF")
m = copy.deepcopy(meta); m['bpf_skel']['maps'][0]['export_config'] = "everything"
add('bad-export-config-name', J(pkg(m=m)), "map 'rb': export_config 'everything' is not \"default\" or \"no_export\"")
