-- expect: ok
-- attack: probe every dangerous base name: all must be nil, _G absent; a quote's own globals table starts empty (the plan's names are read through it from its frozen top level)
plan = {
  id = "13_globals_allowlist", insurer = "Adversary", product = "Sandbox suite",
  version = "1", effective_date = "2020-01-01", tables = { "sme_terms" },
}
function rate(d)
  for _, name in ipairs({"_G", "_VERSION", "next", "rawget", "rawset", "getmetatable",
      "setmetatable", "load", "loadstring", "dofile", "loadfile", "require",
      "module", "package", "collectgarbage", "print", "xpcall", "coroutine", "io",
      "os", "debug", "newproxy", "gcinfo", "unpack", "setfenv", "getfenv",
      "warn_", "jit", "ffi", "bit32"}) do
    if _ENV[name] ~= nil then error("global " .. name .. " is reachable") end
  end
  local own = {}
  for k in pairs(_ENV) do own[#own + 1] = k end
  if table.concat(own, ",") ~= "" or not (plan and rate) then
    error("globals table holds " .. table.concat(own, ","))
  end
  cover("x", 1) set("x", "p", 1000) combine("c") round("policy", "r", 10)
end
