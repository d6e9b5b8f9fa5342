;; Cases for the compiler's lazy operands: a local read, then overwritten
;; before the read value is used; tee chains; values carried by branches.
(module
  ;; old x + new x: (x) + (x + 10) with the first read still lazy
  (func (export "read_then_set") (param i32) (result i32)
    (local.get 0)
    (local.set 0 (i32.add (local.get 0) (i32.const 10)))
    (local.get 0)
    (i32.add))
  ;; a = b = x * 2; returns a + b + x
  (func (export "tee_chain") (param i32) (result i32) (local i32 i32)
    (local.set 1 (local.tee 2 (i32.mul (local.get 0) (i32.const 2))))
    (i32.add (i32.add (local.get 1) (local.get 2)) (local.get 0)))
  ;; swap through the stack: returns a * 10 + b after swapping
  (func (export "swap") (param i32 i32) (result i32)
    (local.get 0) (local.get 1) (local.set 0) (local.set 1)
    (i32.add (i32.mul (local.get 0) (i32.const 10)) (local.get 1)))
  ;; br_table carrying a lazy local to different depths
  (func (export "table") (param i32 i32) (result i32)
    (block (result i32)
      (block (result i32)
        (local.get 1)
        (local.get 0)
        (br_table 0 1 1))
      (i32.const 100)
      (i32.add)))
  ;; multi-value block results from lazy operands
  (func (export "multi") (param i32) (result i32)
    (block (result i32 i32) (local.get 0) (i32.const 7))
    (i32.sub))
  ;; a loop counting down with the counter read lazily in the condition
  (func (export "count") (param i32) (result i32) (local i32)
    (loop $l
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if $l (i32.gt_s (local.get 0) (i32.const 0))))
    (local.get 1))
  ;; if on an eqz, with the then-branch result lazy
  (func (export "pick") (param i32 i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (local.get 1))
      (else (i32.const -1)))))
