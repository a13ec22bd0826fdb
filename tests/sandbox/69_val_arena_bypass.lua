-- expect: limit "memory limit"
-- attack: fill every per-quote cap of the result: 10000 warnings and 10000 reasons of 2048 bytes of \1 (escaped 6x in the JSON) and 9000 steps with 512-byte labels and 256-byte keys. All of it lives in the result arena on the C heap, outside the 8 MiB Lua budget (about 45 MB of arena, a copy in the quote, ~250 MB of JSON)
plan = {
  id = "69_val_arena_bypass", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  local text = ("\1"):rep(2048)
  local label = ("L"):rep(512)
  local key = ("k"):rep(256)
  for i = 1, 10000 do warn(text) refer("R", text) end
  cover("x", 1)
  for i = 1, 9000 do set("x", label, 1000, "sme_terms", key) end
  combine("c") round("policy", "r", 10)
end
