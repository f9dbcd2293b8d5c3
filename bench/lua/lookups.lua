-- wrk script: GET lookups cycling through the credit codes in codes.txt, with a bearer token.
-- Environment: ANXIN_TOKEN, ANXIN_CODES (a file with one credit code per line).
local codes = {}
for line in io.lines(os.getenv("ANXIN_CODES")) do codes[#codes + 1] = line end
local token = os.getenv("ANXIN_TOKEN")
local counter = 0

request = function()
  counter = counter + 1
  local code = codes[(counter % #codes) + 1]
  return wrk.format("GET", "/v1/blacklist/lookup/" .. code, {["Authorization"] = "Bearer " .. token})
end
