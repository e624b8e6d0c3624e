<?php
// PSR-4 for a Workerman 5 source tree (WORKERMAN_SRC: its src/; COROUTINE_SRC: workerman/
// coroutine's src/), mapped as Composer's vendor/autoload.php maps them.
spl_autoload_register(function (string $class): void {
    $map = [
        'Workerman\\Coroutine\\' => [getenv('COROUTINE_SRC')],
        'Workerman\\' => [getenv('WORKERMAN_SRC'), getenv('COROUTINE_SRC')],
    ];
    foreach ($map as $prefix => $dirs) {
        if (!str_starts_with($class, $prefix)) {
            continue;
        }
        foreach ($dirs as $dir) {
            $file = $dir . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if ($dir && is_file($file)) {
                require $file;
                return;
            }
        }
    }
});
