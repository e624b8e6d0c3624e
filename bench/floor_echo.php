<?php
// floor_echo.php - the "floor" reference: a plain-PHP stream_select text echo
// server (no extensions beyond the standard CLI).
//
//   php -n bench/floor_echo.php PORT
//
// Listens on tcp://127.0.0.1:PORT, prints READY once listening. For every
// complete "\n"-terminated line received it writes the same bytes back (lines
// are split one by one, as a message handler would see them; the replies
// produced by one read are flushed with one fwrite). Partial writes are kept in
// a per-client output buffer. stream_select is limited to FD_SETSIZE (1024)
// descriptors, so use it for up to ~100 connections only.

declare(strict_types=1);

$port = (int)($argv[1] ?? 0);
if ($port <= 0 || $port > 65535) {
    fwrite(STDERR, "usage: php floor_echo.php PORT\n");
    exit(2);
}

$server = @stream_socket_server("tcp://127.0.0.1:$port", $errno, $errstr);
if ($server === false) {
    fwrite(STDERR, "floor_echo: cannot listen on 127.0.0.1:$port: $errstr ($errno)\n");
    exit(1);
}
stream_set_blocking($server, false);
fwrite(STDOUT, "READY\n");

$clients = [];   // id => stream
$inbuf = [];     // id => pending incomplete input
$outbuf = [];    // id => pending unwritten output

$drop = static function (int $id) use (&$clients, &$inbuf, &$outbuf): void {
    fclose($clients[$id]);
    unset($clients[$id], $inbuf[$id], $outbuf[$id]);
};

while (true) {
    $read = $clients;
    $read[] = $server;
    $write = [];
    foreach ($outbuf as $id => $buf) {
        if ($buf !== '') {
            $write[] = $clients[$id];
        }
    }
    $except = null;
    if (@stream_select($read, $write, $except, null) === false) {
        continue; // interrupted by a signal
    }

    foreach ($read as $stream) {
        if ($stream === $server) {
            while (($conn = @stream_socket_accept($server, 0)) !== false) {
                stream_set_blocking($conn, false);
                stream_set_read_buffer($conn, 0);
                stream_set_write_buffer($conn, 0);
                $id = (int)$conn;
                $clients[$id] = $conn;
                $inbuf[$id] = '';
                $outbuf[$id] = '';
            }
            continue;
        }
        $id = (int)$stream;
        $data = @fread($stream, 65536);
        if ($data === false || $data === '') {
            if ($data === false || feof($stream)) {
                $drop($id);
            }
            continue;
        }
        $buf = $inbuf[$id] . $data;
        $out = '';
        $pos = 0;
        while (($nl = strpos($buf, "\n", $pos)) !== false) {
            $line = substr($buf, $pos, $nl + 1 - $pos);
            $out .= $line;
            $pos = $nl + 1;
        }
        $inbuf[$id] = $pos === 0 ? $buf : substr($buf, $pos);
        if ($out !== '') {
            $outbuf[$id] .= $out;
            if ($outbuf[$id] === $out) {
                // Nothing was queued before: try to write right away.
                $write[] = $stream;
            }
        }
    }

    foreach ($write as $stream) {
        $id = (int)$stream;
        if (!isset($clients[$id]) || $outbuf[$id] === '') {
            continue;
        }
        $n = @fwrite($stream, $outbuf[$id]);
        if ($n === false) {
            $drop($id);
            continue;
        }
        $outbuf[$id] = $n === strlen($outbuf[$id]) ? '' : substr($outbuf[$id], $n);
    }
}
