-- pipeline16.lua - wrk script: every write carries 16 pipelined GET requests.
--
--   wrk -t1 -c100 -d10 -s bench/pipeline16.lua http://127.0.0.1:PORT/
--
-- wrk counts the requests in the buffer that request() returns and waits for
-- as many responses before it writes the next batch, so "requests" and
-- "Requests/sec" count single requests, not batches. DEPTH overrides 16.

local depth = tonumber(os.getenv("DEPTH") or "") or 16
local batch

init = function(args)
  local one = wrk.format("GET", wrk.path)
  batch = string.rep(one, depth)
end

request = function()
  return batch
end
