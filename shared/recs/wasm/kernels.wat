;; The hot loops of iALS and scoring, in WebAssembly with 128-bit SIMD: four
;; float32 lanes per instruction and no bounds checks, 8–10× the speed of the
;; same loops in JavaScript on one thread (bench/results/recs.json). The JavaScript versions in
;; ../als/kernel.ts and ../als/model.ts stay as the reference the tests compare
;; against and as the fallback where SIMD is missing.
;;
;; Conventions: every pointer is a byte offset into the imported memory; vectors
;; are float32 with k a multiple of 4 (the loader checks); matrices are row-major.
;; Build: npm run build:wasm (writes kernels-wasm.ts next to this file).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Σ a[f]·b[f] over k floats.
  (func $dot (param $a i32) (param $b i32) (param $k i32) (result f32)
    (local $acc v128) (local $end i32)
    (local.set $acc (v128.const f32x4 0 0 0 0))
    (local.set $end (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $acc
          (f32x4.add (local.get $acc) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (br $next)))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
      (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))

  ;; y += s·x over k floats.
  (func $axpy (param $y i32) (param $s f32) (param $x i32) (param $k i32)
    (local $sv v128) (local $end i32)
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $k) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (v128.store (local.get $y)
          (f32x4.add (v128.load (local.get $y)) (f32x4.mul (local.get $sv) (v128.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $next))))

  ;; p = r + s·p over k floats.
  (func $xpay (param $p i32) (param $s f32) (param $r i32) (param $k i32)
    (local $sv v128) (local $end i32)
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (v128.store (local.get $p)
          (f32x4.add (v128.load (local.get $r)) (f32x4.mul (local.get $sv) (v128.load (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $r (i32.add (local.get $r) (i32.const 16)))
        (br $next))))

  ;; out = (G + λI)·v, G k × k.
  (func $gram_times (param $g i32) (param $v i32) (param $out i32) (param $k i32) (param $lambda f32)
    (local $a i32) (local $row i32)
    (local.set $row (i32.shl (local.get $k) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $a) (local.get $k)))
        (f32.store
          (i32.add (local.get $out) (i32.shl (local.get $a) (i32.const 2)))
          (f32.add
            (call $dot (i32.add (local.get $g) (i32.mul (local.get $a) (local.get $row))) (local.get $v) (local.get $k))
            (f32.mul (local.get $lambda) (f32.load (i32.add (local.get $v) (i32.shl (local.get $a) (i32.const 2)))))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $next))))

  ;; out[i] = y_i · u for items [0, n): scoring a user against every item.
  (func (export "score_items") (param $y i32) (param $u i32) (param $out i32) (param $n i32) (param $k i32)
    (local $i i32) (local $row i32)
    (local.set $row (i32.shl (local.get $k) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (f32.store (local.get $out) (call $dot (local.get $y) (local.get $u) (local.get $k)))
        (local.set $y (i32.add (local.get $y) (local.get $row)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; out (float64, k × k, upper triangle) += Σ f_r f_rᵀ for rows [start, end).
  (func (export "add_gramian") (param $f i32) (param $start i32) (param $end i32) (param $k i32) (param $out i32)
    (local $row i32) (local $a i32) (local $b i32) (local $va f64) (local $cell i32)
    (local.set $row (i32.add (local.get $f) (i32.mul (local.get $start) (i32.shl (local.get $k) (i32.const 2)))))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $start) (local.get $end)))
        (local.set $a (i32.const 0))
        (block $a_done
          (loop $a_next
            (br_if $a_done (i32.ge_u (local.get $a) (local.get $k)))
            (local.set $va (f64.promote_f32 (f32.load (i32.add (local.get $row) (i32.shl (local.get $a) (i32.const 2))))))
            (local.set $b (local.get $a))
            (local.set $cell (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $a) (local.get $k)) (local.get $a)) (i32.const 3))))
            (block $b_done
              (loop $b_next
                (br_if $b_done (i32.ge_u (local.get $b) (local.get $k)))
                (f64.store (local.get $cell)
                  (f64.add (f64.load (local.get $cell))
                    (f64.mul (local.get $va)
                      (f64.promote_f32 (f32.load (i32.add (local.get $row) (i32.shl (local.get $b) (i32.const 2))))))))
                (local.set $cell (i32.add (local.get $cell) (i32.const 8)))
                (local.set $b (i32.add (local.get $b) (i32.const 1)))
                (br $b_next)))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $a_next)))
        (local.set $row (i32.add (local.get $row) (i32.shl (local.get $k) (i32.const 2))))
        (local.set $start (i32.add (local.get $start) (i32.const 1)))
        (br $rows))))

  ;; One iALS half-step for rows [start, end): a few conjugate-gradient steps on
  ;;   (G + λ_u I + Σ_i (c − 1) y_i y_iᵀ) x_u = Σ_i c p y_i
  ;; warm-started from x_u: the same steps as solveRows in ../als/kernel.ts (which
  ;; documents the signed-confidence encoding), with float32 sums, not float64. $scratch holds 4k floats: x r p ap.
  (func (export "solve_rows")
    (param $indptr i32) (param $indices i32) (param $values i32)
    (param $target i32) (param $other i32) (param $gram i32) (param $reg i32)
    (param $k i32) (param $steps i32) (param $start i32) (param $end i32) (param $scratch i32)
    (local $row_bytes i32) (local $x i32) (local $r i32) (local $p i32) (local $ap i32)
    (local $u i32) (local $from i32) (local $to i32) (local $e i32) (local $lambda f32)
    (local $s f32) (local $cm1 f32) (local $cp f32) (local $yo i32)
    (local $rs_old f32) (local $rs_new f32) (local $p_ap f32) (local $alpha f32) (local $step i32)
    (local.set $row_bytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $x (local.get $scratch))
    (local.set $r (i32.add (local.get $x) (local.get $row_bytes)))
    (local.set $p (i32.add (local.get $r) (local.get $row_bytes)))
    (local.set $ap (i32.add (local.get $p) (local.get $row_bytes)))
    (local.set $u (local.get $start))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $u) (local.get $end)))
        (local.set $lambda (f32.load (i32.add (local.get $reg) (i32.shl (local.get $u) (i32.const 2)))))
        (memory.copy (local.get $x) (i32.add (local.get $target) (i32.mul (local.get $u) (local.get $row_bytes))) (local.get $row_bytes))
        ;; r = −(G + λI)x, then r += (c·p − (c − 1)(y·x))·y for each interaction
        (call $gram_times (local.get $gram) (local.get $x) (local.get $r) (local.get $k) (local.get $lambda))
        (call $scale (local.get $r) (f32.const -1) (local.get $k))
        (local.set $from (i32.load (i32.add (local.get $indptr) (i32.shl (local.get $u) (i32.const 2)))))
        (local.set $to (i32.load (i32.add (local.get $indptr) (i32.shl (i32.add (local.get $u) (i32.const 1)) (i32.const 2)))))
        (local.set $e (local.get $from))
        (block $init_done
          (loop $init
            (br_if $init_done (i32.ge_u (local.get $e) (local.get $to)))
            (local.set $s (f32.load (i32.add (local.get $values) (i32.shl (local.get $e) (i32.const 2)))))
            (if (f32.ne (local.get $s) (f32.const 0))
              (then
                (local.set $cm1 (f32.abs (local.get $s)))
                (local.set $cp (select (f32.add (f32.const 1) (local.get $s)) (f32.const 0) (f32.gt (local.get $s) (f32.const 0))))
                (local.set $yo (i32.add (local.get $other)
                  (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2)))) (local.get $row_bytes))))
                (call $axpy (local.get $r)
                  (f32.sub (local.get $cp) (f32.mul (local.get $cm1) (call $dot (local.get $yo) (local.get $x) (local.get $k))))
                  (local.get $yo) (local.get $k))))
            (local.set $e (i32.add (local.get $e) (i32.const 1)))
            (br $init)))
        (local.set $rs_old (call $dot (local.get $r) (local.get $r) (local.get $k)))
        (if (f32.ge (local.get $rs_old) (f32.const 1e-20))
          (then
            (memory.copy (local.get $p) (local.get $r) (local.get $row_bytes))
            (local.set $step (i32.const 0))
            (block $cg_done
              (loop $cg
                (br_if $cg_done (i32.ge_u (local.get $step) (local.get $steps)))
                ;; ap = (G + λI)p + Σ (c − 1)(y·p)·y
                (call $gram_times (local.get $gram) (local.get $p) (local.get $ap) (local.get $k) (local.get $lambda))
                (local.set $e (local.get $from))
                (block $ap_done
                  (loop $ap_next
                    (br_if $ap_done (i32.ge_u (local.get $e) (local.get $to)))
                    (local.set $s (f32.load (i32.add (local.get $values) (i32.shl (local.get $e) (i32.const 2)))))
                    (if (f32.ne (local.get $s) (f32.const 0))
                      (then
                        (local.set $yo (i32.add (local.get $other)
                          (i32.mul (i32.load (i32.add (local.get $indices) (i32.shl (local.get $e) (i32.const 2)))) (local.get $row_bytes))))
                        (call $axpy (local.get $ap)
                          (f32.mul (f32.abs (local.get $s)) (call $dot (local.get $yo) (local.get $p) (local.get $k)))
                          (local.get $yo) (local.get $k))))
                    (local.set $e (i32.add (local.get $e) (i32.const 1)))
                    (br $ap_next)))
                (local.set $p_ap (call $dot (local.get $p) (local.get $ap) (local.get $k)))
                (br_if $cg_done (i32.eqz (f32.gt (local.get $p_ap) (f32.const 0))))
                (local.set $alpha (f32.div (local.get $rs_old) (local.get $p_ap)))
                (call $axpy (local.get $x) (local.get $alpha) (local.get $p) (local.get $k))
                (call $axpy (local.get $r) (f32.neg (local.get $alpha)) (local.get $ap) (local.get $k))
                (local.set $rs_new (call $dot (local.get $r) (local.get $r) (local.get $k)))
                (br_if $cg_done (f32.lt (local.get $rs_new) (f32.const 1e-20)))
                (call $xpay (local.get $p) (f32.div (local.get $rs_new) (local.get $rs_old)) (local.get $r) (local.get $k))
                (local.set $rs_old (local.get $rs_new))
                (local.set $step (i32.add (local.get $step) (i32.const 1)))
                (br $cg)))
            (memory.copy (i32.add (local.get $target) (i32.mul (local.get $u) (local.get $row_bytes))) (local.get $x) (local.get $row_bytes))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $rows))))

  ;; v *= s over k floats.
  (func $scale (param $v i32) (param $s f32) (param $k i32)
    (local $sv v128) (local $end i32)
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $end (i32.add (local.get $v) (i32.shl (local.get $k) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $v) (local.get $end)))
        (v128.store (local.get $v) (f32x4.mul (local.get $sv) (v128.load (local.get $v))))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $next))))
)
