-- wrk script for scripts/soak.sh: a mix of the showcase's routes, one after another on
-- each connection, counting the answers by class (a 5xx, or any status a route should not
-- give, is an error).
local routes = {
  {"/models/users/1", nil},                               -- a view
  {"/models/items", nil},                                 -- dicts validated into a model
  {"/fields/users?fields=id,name", nil},                  -- a request-time selection
  {"/fields/users/1", nil},
  {"/users", nil},                                        -- fast JSON, 1,000 users
  {"/big-data", nil},                                     -- fast JSON, 10,000 ints
  {"/health", nil},                                       -- HTML
  {"/dashboard", nil},                                    -- a template
  {"/download/report", "bytes=0-1023"},                   -- a file range
  {"/download/report", "bytes=0-9,100-199"},              -- a multipart range
  {"/avatar/1", nil},                                     -- a file
  {"/check?flag=yes", nil},
  {"/db/users?limit=5", nil},                             -- SQLite
  {"/db/users/1", nil},
  {"/ping", nil},
}
local requests = {}
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for i, r in ipairs(routes) do
    local headers = {}
    if r[2] then headers["Range"] = r[2] end
    requests[i] = wrk.format("GET", r[1], headers)
  end
  ok = 0
  bad = 0
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

function response(status, headers, body)
  if status == 200 or status == 206 then
    ok = ok + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local good, wrong = 0, 0
  for _, t in ipairs(threads) do
    good = good + t:get("ok")
    wrong = wrong + t:get("bad")
  end
  io.write(string.format("SOAK requests=%d ok=%d wrong_status=%d socket_errors=%d timeouts=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, good, wrong,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
