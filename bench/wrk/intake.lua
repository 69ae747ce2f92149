-- POST a 1912 complaint with a number and consumer unique per run, thread and request.
-- args: TOKEN RUN OFFICE
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function init(args) n = 0; token = args[1]; run = tonumber(args[2]); office = args[3] end
request = function()
  n = n + 1
  local number = string.format("9%03d%d%08d", run, tid, n)
  local consumer = string.format("1%03d%d%06d", run % 1000, tid, n % 1000000)
  local body = '{"complaint_number":"' .. number .. '","office":"' .. office ..
    '","consumer_number":"' .. consumer .. '","consumer_name":"\\u0930\\u093e\\u092e",' ..
    '"mobile":"9876543210","address":"Ward 12","category":"excess_bill","bill_month":"' ..
    os.date("!%Y-%m") .. '","billed_amount":"12450.00","description":"average billing"}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
    ["Authorization"] = "Token " .. token}, body)
end
