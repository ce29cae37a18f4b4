(module
  (memory (export "mem") 1)
  ;; scan8: UTF-8 bytes at $text; byte classes at 0 (256 B); delta (u16) at $delta; output flags (u8) at $out
  (func (export "scan8") (param $text i32) (param $len i32) (param $delta i32) (param $out i32) (result i32)
    (local $i i32) (local $end i32) (local $s i32) (local $hits i32)
    (local.set $i (local.get $text))
    (local.set $end (i32.add (local.get $text) (local.get $len)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $s
          (i32.load16_u
            (i32.add (local.get $delta)
              (i32.shl
                (i32.add (i32.mul (local.get $s) (i32.const 39))
                         (i32.load8_u (i32.load8_u (local.get $i))))
                (i32.const 1)))))
        (local.set $hits (i32.add (local.get $hits) (i32.load8_u (i32.add (local.get $out) (local.get $s)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $hits))
  ;; scan16: UTF-16 code units at $text ($len units); classes (u8) at $cls for all 65,536 units
  (func (export "scan16") (param $text i32) (param $len i32) (param $cls i32) (param $delta i32) (param $out i32) (result i32)
    (local $i i32) (local $end i32) (local $s i32) (local $hits i32)
    (local.set $i (local.get $text))
    (local.set $end (i32.add (local.get $text) (i32.shl (local.get $len) (i32.const 1))))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $s
          (i32.load16_u
            (i32.add (local.get $delta)
              (i32.shl
                (i32.add (i32.mul (local.get $s) (i32.const 39))
                         (i32.load8_u (i32.add (local.get $cls) (i32.load16_u (local.get $i)))))
                (i32.const 1)))))
        (local.set $hits (i32.add (local.get $hits) (i32.load8_u (i32.add (local.get $out) (local.get $s)))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $l)))
    (local.get $hits))
)
