<?php

declare(strict_types=1);

namespace Surge\Protocols\Http\Session;

use Surge\Protocols\Http\Session;

/**
 * Keeps each session in a file `session_<id>` of one folder (the default handler).
 *
 * Several worker processes share the folder, so a write never shows a half-written file:
 * the data goes to a temporary file in the same folder first, which then replaces the
 * session file in one rename(). A file's modification time is the session's last write;
 * a session older than Session::$lifetime reads as empty.
 */
class FileSessionHandler implements SessionHandlerInterface
{
    /** Folder of the session files, with a trailing separator. */
    protected static string $sessionSavePath = '';

    protected static string $sessionFilePrefix = 'session_';

    /**
     * Session ids become file names: only these characters (what session_create_id() and
     * browsers' cookies carry) and lengths are accepted, so an id can never name a path.
     */
    private const VALID_ID = '/^[a-zA-Z0-9,-]{16,256}$/D';

    /**
     * Picks the folder: session.save_path when it names one, else the system's temp folder.
     * Runs when this class is loaded.
     */
    public static function init(): void
    {
        $path = function_exists('session_save_path') ? (string)session_save_path() : '';
        // session.save_path may be "N;/path" or "N;MODE;/path" (subfolder levels for ext/session's
        // own files handler): the folder is the last part.
        if (($semicolon = strrpos($path, ';')) !== false) {
            $path = substr($path, $semicolon + 1);
        }
        // A save_path of another handler (redis, memcached) is an address, not a folder.
        if ($path === '' || str_contains($path, '://')) {
            $path = sys_get_temp_dir();
        }
        static::sessionSavePath($path);
    }

    /** @param array $config ['save_path' => folder] (optional) */
    public function __construct(array $config = [])
    {
        if (isset($config['save_path'])) {
            static::sessionSavePath((string)$config['save_path']);
        }
    }

    public function open(string $savePath, string $name): bool
    {
        return true;
    }

    public function close(): bool
    {
        return true;
    }

    public function read(string $sessionId): string|false
    {
        $file = static::sessionFile($sessionId);
        clearstatcache(true, $file);
        $mtime = @filemtime($file);
        if ($mtime === false) {
            return '';
        }
        if (time() - $mtime > Session::$lifetime) {
            @unlink($file);
            return '';
        }
        $data = @file_get_contents($file);
        return $data === false ? '' : $data;
    }

    public function write(string $sessionId, string $sessionData): bool
    {
        $file = static::sessionFile($sessionId);
        // Named after the session with a suffix no valid id has, so gc() still removes it
        // if a process dies between writing and renaming.
        $temp = $file . '.' . bin2hex(random_bytes(8)) . '.tmp';
        $handle = @fopen($temp, 'xb');
        if ($handle === false) {
            return false;
        }
        // Session data is private to the application: not readable by other users.
        @chmod($temp, 0600);
        $written = fwrite($handle, $sessionData);
        $closed = fclose($handle);
        if ($written !== strlen($sessionData) || !$closed || !@rename($temp, $file)) {
            @unlink($temp);
            return false;
        }
        return true;
    }

    public function updateTimestamp(string $sessionId, string $data = ""): bool
    {
        $file = static::sessionFile($sessionId);
        if (!is_file($file)) {
            return false;
        }
        $touched = touch($file);
        clearstatcache(true, $file);
        return $touched;
    }

    public function destroy(string $sessionId): bool
    {
        $file = static::sessionFile($sessionId);
        if (is_file($file)) {
            @unlink($file);
        }
        return true;
    }

    public function gc(int $maxLifetime): bool
    {
        $now = time();
        $prefix = static::$sessionSavePath . static::$sessionFilePrefix;
        // The folder may be shared (the temp folder): remove only what write() creates.
        $ours = '/^' . preg_quote(static::$sessionFilePrefix, '/') . '[a-zA-Z0-9,-]{16,256}(\.[0-9a-f]{16}\.tmp)?$/D';
        foreach (glob($prefix . '*', GLOB_NOSORT) ?: [] as $file) {
            if (!preg_match($ours, basename($file))) {
                continue;
            }
            $mtime = @filemtime($file);
            if ($mtime !== false && $now - $mtime > $maxLifetime && is_file($file)) {
                @unlink($file);
            }
        }
        return true;
    }

    /** Sets the folder of the session files (created if missing); returns it. */
    public static function sessionSavePath(string $path): string
    {
        if ($path === '') {
            return static::$sessionSavePath;
        }
        if (!str_ends_with($path, DIRECTORY_SEPARATOR)) {
            $path .= DIRECTORY_SEPARATOR;
        }
        // Other workers may create it at the same moment: only a folder still missing is an error.
        if (!is_dir($path) && !@mkdir($path, 0777, true) && !is_dir($path)) {
            throw new \RuntimeException("Cannot create the session folder $path");
        }
        static::$sessionSavePath = $path;
        return $path;
    }

    /** The file of a session; throws for an id that is not a valid session id. */
    protected static function sessionFile(string $sessionId): string
    {
        if (!preg_match(self::VALID_ID, $sessionId)) {
            throw new \InvalidArgumentException('Invalid session id: it must be 16 to 256 characters of a-z, A-Z, 0-9, "," and "-"');
        }
        return static::$sessionSavePath . static::$sessionFilePrefix . $sessionId;
    }
}

FileSessionHandler::init();
