-- wrk script for LoadIT: each thread sends its share of prepared submissions (one JSON body per
-- line of the file), each with its own idempotency key. LoadIT prepares more bodies than the run
-- can send, so every request of the run is a real submission.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  lines = {}
  for line in io.lines(args[1]) do
    lines[#lines + 1] = line
  end
  step = tonumber(args[2])
  prefix = args[3]
  index = id + 1
end

function request()
  if index > #lines then
    error("LoadIT prepared too few submissions for this run")
  end
  local body = lines[index]
  local key = prefix .. "-" .. index
  index = index + step
  return wrk.format("POST", "/api/v1/survey/submit",
    { ["Content-Type"] = "application/json", ["Idempotency-Key"] = key }, body)
end
