-- wrk script: rotates over the request mix written by bench/throughput.py, one line per
-- request as "path<TAB>session cookie", and reports percentiles and non-200 answers as JSON.

local requests = {}
local threads = {}
local counter = 0
-- A global: done() reads it from each thread with thread:get.
non_200 = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local cookie_name = args[2]
  for line in io.lines(args[1]) do
    local path, session = line:match("^([^\t]+)\t(.+)$")
    local headers = { ["Cookie"] = cookie_name .. "=" .. session }
    table.insert(requests, wrk.format("GET", path, headers))
  end
  -- Threads start at different places in the mix, so they do not march in step.
  counter = math.random(#requests)
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function response(status, headers, body)
  if status ~= 200 then
    non_200 = non_200 + 1
  end
end

function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do
    not_ok = not_ok + thread:get("non_200")
  end
  local errors = summary.errors
  io.write(string.format(
    "WRK_JSON {\"requests\": %d, \"duration_s\": %.3f, \"p50_ms\": %.2f, \"p95_ms\": %.2f, "
      .. "\"p99_ms\": %.2f, \"max_ms\": %.2f, \"non_200\": %d, \"connect_errors\": %d, "
      .. "\"read_errors\": %d, \"write_errors\": %d, \"timeouts\": %d}\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    not_ok, errors.connect, errors.read, errors.write, errors.timeout))
end
