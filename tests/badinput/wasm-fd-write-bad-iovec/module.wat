(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  ;; a valid iovec whose buffer runs past the end of memory
  (data (i32.const 16) "\f0\ff\00\00\00\10\00\00")
  (func (export "_start")
    (call $exit (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 32)))))
