"""tls_idle_clients.py - opens N TLS connections to 127.0.0.1:PORT (handshake complete,
then silent), prints "ready" and holds them until its stdin closes. Used by tls.sh to
measure a server's memory per idle TLS connection.

    python3 bench/tls_idle_clients.py PORT N
"""
import asyncio
import ssl
import sys


async def main(port: int, count: int) -> None:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    held = []
    gate = asyncio.Semaphore(100)

    async def one() -> None:
        async with gate:
            _, writer = await asyncio.open_connection("127.0.0.1", port, ssl=ctx)
            held.append(writer)

    await asyncio.gather(*(one() for _ in range(count)))
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for w in held:
        w.transport.abort()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
