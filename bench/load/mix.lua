-- wrk script for bench/load_test.sh: requests paths picked at random from a file (one per
-- line, given after `--`), counts the answers by status in every thread, and prints one
-- summary line the load test reads:
--   RESULT requests=N seconds=S rps=R p50_ms=… p90_ms=… p99_ms=… max_ms=… connect=N read=N
--   write=N timeout=N status_2xx=N status_3xx=N status_404=N status_4xx_other=N status_5xx=N

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  counts = {}
  math.randomseed(os.time() * 100 + id)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local by = { s2 = 0, s3 = 0, s404 = 0, s4 = 0, s5 = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do
      if status >= 200 and status < 300 then by.s2 = by.s2 + n
      elseif status >= 300 and status < 400 then by.s3 = by.s3 + n
      elseif status == 404 then by.s404 = by.s404 + n
      elseif status >= 400 and status < 500 then by.s4 = by.s4 + n
      elseif status >= 500 and status < 600 then by.s5 = by.s5 + n
      else by.other = by.other + n end
    end
  end
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "connect=%d read=%d write=%d timeout=%d status_2xx=%d status_3xx=%d status_404=%d " ..
    "status_4xx_other=%d status_5xx=%d status_other=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, by.s2, by.s3, by.s404, by.s4, by.s5, by.other))
end
