(module
  (import "wasm_bpf" "wasm_load_bpf_object" (func $load (param i32 i32) (result i64)))
  (import "wasm_bpf" "wasm_bpf_map_operate" (func $op (param i32 i32 i32 i32 i32 i64) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  ;; an ELF "buffer" that runs past the end of memory must fail (handle 0);
  ;; map_operate on an fd this guest never got must fail with a negative errno.
  (func (export "_start")
    (if (i64.ne (call $load (i32.const 0xffff0000) (i32.const 0x10000)) (i64.const 0))
      (then (call $exit (i32.const 1))))
    (if (i32.ge_s (call $op (i32.const 0) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0) (i64.const 0)) (i32.const 0))
      (then (call $exit (i32.const 2))))
    (call $exit (i32.const 7))))
