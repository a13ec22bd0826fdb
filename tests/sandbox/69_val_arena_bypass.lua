-- expect: limit "memory limit"
-- attack: fill every per-quote cap of the result: 10000 warnings and 10000 reasons of 2048 bytes and 9000 steps with 512-byte labels and 256-byte keys. The result arena lives on the C heap, outside the Lua allocator, so the engine charges it to the quote budget (8 MiB here).
plan = {
  id = "69_val_arena_bypass", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local text = ("x"):rep(2048)
  local label = ("L"):rep(512)
  local key = ("k"):rep(256)
  for i = 1, 10000 do warn(text) refer("R", text) end
  cover("x", 1)
  for i = 1, 9000 do set("x", label, 1000, "sme_terms", key) end
  combine("c") round("policy", "r", 10)
end
