// TLS on Connection and TlsContext: both ends of a socket pair are Connections, one with a
// server session, one with a client session, in one loop. Certificates are made once with
// the openssl command.
#include <fcntl.h>
#include <openssl/ssl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>
#include <memory>
#include <string>

#include "event/event_loop.h"
#include "net/connection.h"
#include "net/tls_context.h"
#include "test_support.h"

namespace surge {
namespace {

using surge::testing::Contains;
using surge::testing::SafetyNet;
using surge::testing::TempDir;

using surge::testing::pattern;

struct Side : Connection::Handler {
  std::string got;
  std::string failure;
  int secured = 0, closes = 0, drains = 0;
  std::function<void(Connection&, std::string_view)> data;
  std::function<void(Connection&)> onSecure, onClosed;

  size_t onData(Connection& c, std::string_view bytes) override {
    got.append(bytes);
    if (data) data(c, bytes);
    return bytes.size();
  }
  void onDrain(Connection&) override { ++drains; }
  void onBufferFull(Connection&) override {}
  void onClose(Connection& c) override {
    ++closes;
    if (onClosed) onClosed(c);
  }
  void onSecured(Connection& c) override {
    ++secured;
    if (onSecure) onSecure(c);
  }
  void onTlsFailed(Connection&, const std::string& reason) override { failure = reason; }
};

class TlsTest : public surge::testing::SocketPairTest {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string d = dir_->path();
    std::string script =
        "cd '" + d + "' && " +
        "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key && "
        "openssl req -x509 -new -key ca.key -subj /CN=ca -days 30 -out ca.pem && "
        "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server.key && "
        "openssl req -new -key server.key -subj /CN=localhost -out server.csr && "
        "printf 'subjectAltName=DNS:localhost\\n' > ext.cnf && "
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 7 -days 30 "
        "-extfile ext.cnf -out server.pem && "
        "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other.key && "
        "openssl pkey -in server.key -aes256 -passout pass:secret -out encrypted.key";
    script += " >/dev/null 2>&1";
    ASSERT_EQ(std::system(script.c_str()), 0) << "openssl could not make the test certificates";
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string file(const char* name) { return dir_->file(name); }

  static TlsConfig serverConfig() {
    TlsConfig config;
    config.certificate = {file("server.pem"), file("server.key")};
    return config;
  }
  static TlsConfig clientConfig() {
    TlsConfig config;
    config.verifyPeer = true;
    config.caFile = file("ca.pem");
    return config;
  }

  // Wraps both ends: fds_[0] is the server, fds_[1] the client (the fixture no longer
  // closes it: the client Connection owns it).
  void connect(const TlsConfig& serverTls, const TlsConfig& clientTls, uint32_t handshakeMs = 0) {
    serverCtx_ = TlsContext::forServer(serverTls);
    clientCtx_ = TlsContext::forClient(clientTls);
    server_ = new Connection(loop_, fds_[0], nullptr, 0, &serverSide_, nullptr);
    server_->startTls(serverCtx_->newServerSession(fds_[0]), handshakeMs);
    client_ = new Connection(loop_, fds_[1], nullptr, 0, &clientSide_, nullptr);
    client_->startTls(clientCtx_->newClientSession(fds_[1], "localhost"), 0);
    fds_[1] = -1;
  }

  void TearDown() override {
    if (server_) {
      server_->destroy();
      server_->release();
    }
    if (client_) {
      client_->destroy();
      client_->release();
    }
    SocketPairTest::TearDown();
  }

  static TempDir* dir_;
  std::shared_ptr<TlsContext> serverCtx_, clientCtx_;
  Side serverSide_, clientSide_;
  Connection* server_ = nullptr;
  Connection* client_ = nullptr;
};
TempDir* TlsTest::dir_ = nullptr;

TEST_F(TlsTest, BytesSentBeforeTheHandshakeWaitAndTravelBothWays) {
  connect(serverConfig(), clientConfig());
  // Sent at once: both wait in the output queue until the handshake completes.
  EXPECT_EQ(client_->send("hello"), Connection::SendResult::kQueued);
  serverSide_.data = [](Connection& c, std::string_view bytes) {
    c.send("echo:" + std::string(bytes));
  };
  clientSide_.data = [this](Connection&, std::string_view) {
    if (clientSide_.got == "echo:hello") loop_.stop();
  };
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(serverSide_.got, "hello");
  EXPECT_EQ(clientSide_.got, "echo:hello");
  EXPECT_EQ(serverSide_.secured, 1);
  EXPECT_EQ(clientSide_.secured, 1);
  EXPECT_TRUE(server_->tlsEstablished());
  EXPECT_EQ(server_->bytesRead(), 5u);  // plaintext bytes
  EXPECT_EQ(std::string(SSL_get_version(server_->tlsSession())), "TLSv1.3");
}

TEST_F(TlsTest, LargeSendsQueuedByAFullSocketArriveWholeAndInOrder) {
  connect(serverConfig(), clientConfig());
  std::string big = pattern(6 * 1024 * 1024, 1);
  std::string small = pattern(300, 2);
  std::string expected;
  serverSide_.onSecure = [&](Connection& c) {
    // A reader that does not read yet: the socket fills, the rest is queued.
    c.setMaxSendBufferSize(64 * 1024 * 1024);
    EXPECT_EQ(c.send(big), Connection::SendResult::kQueued);
    // Pieces that fit one record, and pieces that do not, queued behind.
    SendPiece two[2] = {{small.data(), small.size()}, {small.data(), 100}};
    c.send(two, 2);
    SendPiece three[3] = {{big.data(), 40000}, {small.data(), small.size()}, {big.data(), 70000}};
    c.send(three, 3);
    expected =
        big + small + small.substr(0, 100) + big.substr(0, 40000) + small + big.substr(0, 70000);
  };
  clientSide_.data = [&](Connection&, std::string_view) {
    if (!expected.empty() && clientSide_.got.size() >= expected.size()) loop_.stop();
  };
  SafetyNet net(loop_, 20);
  loop_.run();
  EXPECT_FALSE(net.fired());
  ASSERT_EQ(clientSide_.got.size(), expected.size());
  EXPECT_TRUE(clientSide_.got == expected);
  EXPECT_GE(serverSide_.drains, 1);
  EXPECT_EQ(server_->pendingOutput(), 0u);
}

TEST_F(TlsTest, SendFileIsEncryptedInPiecesInOrderWithOtherBytes) {
  TempDir tmp;
  std::string content = pattern(1024 * 1024 + 77, 3);
  {
    FILE* f = std::fopen(tmp.file("f").c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
  }
  connect(serverConfig(), clientConfig());
  std::string expected = "head:" + content.substr(10, 1000000) + ":tail";
  serverSide_.onSecure = [&](Connection& c) {
    c.send("head:");
    int fd = ::open(tmp.file("f").c_str(), O_RDONLY);
    EXPECT_EQ(c.sendFile(fd, 10, 1000000), Connection::SendResult::kQueued);
    c.send(":tail");
    c.close();
  };
  clientSide_.onClosed = [this](Connection&) { loop_.stop(); };
  SafetyNet net(loop_, 10);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_TRUE(clientSide_.got == expected) << clientSide_.got.size() << " bytes";
  // close() sent close_notify: the client saw a clean end, not a failure.
  EXPECT_EQ(clientSide_.failure, "");
}

TEST_F(TlsTest, PlaintextInsteadOfAClientHelloFailsTheHandshakeWithOpenSslsReason) {
  serverCtx_ = TlsContext::forServer(serverConfig());
  server_ = new Connection(loop_, fds_[0], nullptr, 0, &serverSide_, nullptr);
  server_->startTls(serverCtx_->newServerSession(fds_[0]), 0);
  serverSide_.onClosed = [this](Connection&) { loop_.stop(); };
  const char request[] = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
  ASSERT_EQ(::write(fds_[1], request, sizeof request - 1),
            static_cast<ssize_t>(sizeof request - 1));
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(serverSide_.failure,
            "TLS handshake failed: http request (plaintext HTTP sent to a TLS port)");
  EXPECT_EQ(serverSide_.closes, 1);
  EXPECT_EQ(serverSide_.got, "");
}

TEST_F(TlsTest, AHandshakeThatStallsFailsAtItsTimeout) {
  serverCtx_ = TlsContext::forServer(serverConfig());
  server_ = new Connection(loop_, fds_[0], nullptr, 0, &serverSide_, nullptr);
  server_->startTls(serverCtx_->newServerSession(fds_[0]), 50);
  serverSide_.onClosed = [this](Connection&) { loop_.stop(); };
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_EQ(serverSide_.failure, "the TLS handshake did not complete in time");
}

TEST_F(TlsTest, AClientRefusesACertificateFromACaItDoesNotTrust) {
  TlsConfig client;
  client.verifyPeer = true;
  client.caFile = file("server.pem");  // trusts the leaf's name, not its issuer
  connect(serverConfig(), client);
  clientSide_.onClosed = [this](Connection&) { loop_.stop(); };
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_TRUE(Contains(clientSide_.failure, "TLS handshake failed: certificate verify failed: "))
      << clientSide_.failure;
  EXPECT_EQ(clientSide_.secured, 0);
}

TEST_F(TlsTest, ARecordThatIsNotTlsAfterTheHandshakeIsRefused) {
  connect(serverConfig(), clientConfig());
  clientSide_.onSecure = [this](Connection& c) {
    // Bytes written around TLS, straight to the socket.
    ASSERT_EQ(::write(c.fd(), "\x17\x03\x03\x00\x05hello", 10), 10);
  };
  serverSide_.onClosed = [this](Connection&) { loop_.stop(); };
  SafetyNet net(loop_);
  loop_.run();
  EXPECT_FALSE(net.fired());
  EXPECT_TRUE(Contains(serverSide_.failure, "TLS record refused: ")) << serverSide_.failure;
}

TEST(TlsContextTest, ConfigurationErrorsNameTheFileAndTheReason) {
  TempDir d;
  std::string script = "cd '" + d.path() +
                       "' && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "
                       "k.pem && openssl req -x509 -new -key k.pem -subj /CN=x -days 1 -out c.pem "
                       "&& openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "
                       "other.pem && openssl pkey -in k.pem -aes256 -passout pass:pw -out enc.pem "
                       "&& echo garbage > bad.pem";
  script += " >/dev/null 2>&1";
  ASSERT_EQ(std::system(script.c_str()), 0);
  auto message = [](const TlsConfig& c) -> std::string {
    try {
      TlsContext::forServer(c);
    } catch (const TlsError& e) {
      return e.what();
    }
    return "(no error)";
  };
  TlsConfig c;
  EXPECT_EQ(message(c), "no certificate: set 'local_cert' (and 'local_pk') in the 'ssl' context");
  c.certificate = {d.file("missing.pem"), ""};
  EXPECT_EQ(message(c), "local_cert " + d.file("missing.pem") + ": No such file or directory");
  c.certificate = {d.file("bad.pem"), d.file("k.pem")};
  EXPECT_TRUE(Contains(message(c), "local_cert " + d.file("bad.pem") + ": "));
  c.certificate = {d.file("c.pem"), d.file("other.pem")};
  EXPECT_EQ(message(c), "local_pk " + d.file("other.pem") + " does not match the certificate in " +
                            d.file("c.pem"));
  c.certificate = {d.file("c.pem"), d.file("enc.pem")};
  EXPECT_EQ(message(c),
            "local_pk " + d.file("enc.pem") + ": the key is encrypted: set 'passphrase'");
  c.passphrase = "wrong";
  EXPECT_EQ(message(c),
            "local_pk " + d.file("enc.pem") + ": 'passphrase' does not decrypt the key");
  c.passphrase = "pw";
  EXPECT_EQ(message(c), "(no error)");
  c.ciphers = "NO-SUCH-CIPHER";
  EXPECT_TRUE(Contains(message(c), "ciphers 'NO-SUCH-CIPHER': "));
}

}  // namespace
}  // namespace surge
