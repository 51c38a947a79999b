-- N2 of issue 14: TCP echo of 16 KiB messages. As the anchors' wrk/echo.lua, each "request" is a
-- message that is itself a valid HTTP response (a 16,384-byte one), so the echoed bytes parse as
-- the reply and wrk measures the round trip; run.sh --http puts this file in place of echo.lua.
local head = "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n"
local size = 16384
local n = size - #string.format(head, 16000)
local msg = string.format(head, n) .. string.rep("x", n)
assert(#msg == size)
local threads = 0
setup = function(thread)
   thread:set("verify_pending", threads == 0)
   threads = threads + 1
end
request = function()
   if verify_pending then
      verify_pending = false
      return "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
   end
   return msg
end
dofile(os.getenv("WRK_DIR") .. "/report.lua")
