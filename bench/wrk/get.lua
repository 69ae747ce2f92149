-- GET with a token. args: TOKEN
function init(args) token = args[1] end
request = function() return wrk.format("GET", nil, {["Authorization"] = "Token " .. token}) end
