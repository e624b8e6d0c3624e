#include "protocol/websocket/deflate_params.h"

#include <gtest/gtest.h>

#include <string>

namespace surge::protocol {
namespace {

// The answer's value for `offers`, or "declined".
std::string answer(std::string_view offers, const WsDeflateConfig& config = {}) {
  WsDeflateParams p;
  if (!WsDeflateNegotiation::negotiate(offers, config, &p)) return "declined";
  return p.responseValue();
}

TEST(WebSocketDeflateParamsTest, PlainOfferIsAcceptedPlain) {
  WsDeflateParams p;
  ASSERT_TRUE(WsDeflateNegotiation::negotiate("permessage-deflate", {}, &p));
  EXPECT_EQ(p.responseValue(), "permessage-deflate");
  EXPECT_FALSE(p.serverNoContextTakeover);
  EXPECT_FALSE(p.clientNoContextTakeover);
  EXPECT_EQ(p.serverMaxWindowBits, 15);
  EXPECT_EQ(p.clientMaxWindowBits, 15);
  EXPECT_EQ(answer("PerMessage-Deflate"), "permessage-deflate");
}

TEST(WebSocketDeflateParamsTest, WhatBrowsersAndPythonOffer) {
  EXPECT_EQ(answer("permessage-deflate; client_max_window_bits"), "permessage-deflate");
  WsDeflateParams p;
  ASSERT_TRUE(WsDeflateNegotiation::negotiate(
      "permessage-deflate; server_max_window_bits=12; client_max_window_bits=12", {}, &p));
  EXPECT_EQ(p.responseValue(),
            "permessage-deflate; server_max_window_bits=12; client_max_window_bits=12");
  EXPECT_EQ(p.serverMaxWindowBits, 12);
  EXPECT_EQ(p.clientMaxWindowBits, 12);
}

TEST(WebSocketDeflateParamsTest, ContextTakeoverParameters) {
  EXPECT_EQ(answer("permessage-deflate; server_no_context_takeover"),
            "permessage-deflate; server_no_context_takeover");
  EXPECT_EQ(answer("permessage-deflate;client_no_context_takeover"),
            "permessage-deflate; client_no_context_takeover");
  EXPECT_EQ(answer("permessage-deflate; client_no_context_takeover; server_no_context_takeover"),
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover");
  WsDeflateConfig config;
  config.serverNoContextTakeover = true;
  config.clientNoContextTakeover = true;
  EXPECT_EQ(answer("permessage-deflate", config),
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover");
}

TEST(WebSocketDeflateParamsTest, WindowBitsAreTheSmallerOfOfferAndConfig) {
  WsDeflateConfig config;
  config.serverMaxWindowBits = 10;
  config.clientMaxWindowBits = 11;
  WsDeflateParams p;
  // No window parameters offered: ours is used silently, the client's cannot be asked.
  ASSERT_TRUE(WsDeflateNegotiation::negotiate("permessage-deflate", config, &p));
  EXPECT_EQ(p.responseValue(), "permessage-deflate");
  EXPECT_EQ(p.serverMaxWindowBits, 10);
  EXPECT_EQ(p.clientMaxWindowBits, 15);
  ASSERT_TRUE(WsDeflateNegotiation::negotiate(
      "permessage-deflate; server_max_window_bits=15; client_max_window_bits", config, &p));
  EXPECT_EQ(p.responseValue(),
            "permessage-deflate; server_max_window_bits=10; client_max_window_bits=11");
  EXPECT_EQ(p.serverMaxWindowBits, 10);
  EXPECT_EQ(p.clientMaxWindowBits, 11);
  ASSERT_TRUE(WsDeflateNegotiation::negotiate(
      "permessage-deflate; server_max_window_bits=9; client_max_window_bits=8", config, &p));
  EXPECT_EQ(p.responseValue(),
            "permessage-deflate; server_max_window_bits=9; client_max_window_bits=8");
  EXPECT_EQ(answer("permessage-deflate; server_max_window_bits=\"11\""),
            "permessage-deflate; server_max_window_bits=11");
}

TEST(WebSocketDeflateParamsTest, MalformedOffersAreDeclined) {
  for (const char* offer : {
           "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
           "permessage-deflate; client_no_context_takeover; client_no_context_takeover",
           "permessage-deflate; server_no_context_takeover=1",
           "permessage-deflate; server_max_window_bits",
           "permessage-deflate; server_max_window_bits=7",
           "permessage-deflate; server_max_window_bits=16",
           "permessage-deflate; server_max_window_bits=010",
           "permessage-deflate; server_max_window_bits=+9",
           "permessage-deflate; server_max_window_bits=10; server_max_window_bits=10",
           "permessage-deflate; client_max_window_bits=0",
           "permessage-deflate; client_max_window_bits=abc",
           "permessage-deflate; client_max_window_bits; client_max_window_bits=10",
           "permessage-deflate; unknown_parameter",
           "permessage-deflate; server_max_window_bits=\"1 0\"",
           "permessage-deflate; server_max_window_bits=\"10",
           "permessage-deflate; =10",
           // zlib cannot keep to 256 bytes.
           "permessage-deflate; server_max_window_bits=8",
           "x-webkit-deflate-frame",
           "",
       }) {
    EXPECT_EQ(answer(offer), "declined") << offer;
  }
}

TEST(WebSocketDeflateParamsTest, TheFirstAcceptableOfferWins) {
  EXPECT_EQ(answer("permessage-deflate; server_max_window_bits=8, "
                   "permessage-deflate; server_max_window_bits=10, permessage-deflate"),
            "permessage-deflate; server_max_window_bits=10");
  EXPECT_EQ(answer("x-webkit-deflate-frame, permessage-deflate; bogus, "
                   "permessage-deflate; client_no_context_takeover"),
            "permessage-deflate; client_no_context_takeover");
  // Several header lines joined by the binding, with an empty element between them.
  EXPECT_EQ(answer("foo; a=\"x,y\", , permessage-deflate; server_no_context_takeover"),
            "permessage-deflate; server_no_context_takeover");
}

TEST(WebSocketDeflateParamsTest, ParsesAnAnswerTheApplicationWrote) {
  WsDeflateParams p;
  ASSERT_TRUE(WsDeflateNegotiation::parseResponse(
      "permessage-deflate; server_no_context_takeover; client_max_window_bits=10", &p));
  EXPECT_TRUE(p.serverNoContextTakeover);
  EXPECT_FALSE(p.clientNoContextTakeover);
  EXPECT_EQ(p.serverMaxWindowBits, 15);
  EXPECT_EQ(p.clientMaxWindowBits, 10);
  ASSERT_TRUE(WsDeflateNegotiation::parseResponse("permessage-deflate", &p));
  EXPECT_FALSE(p.serverNoContextTakeover);
  EXPECT_EQ(p.clientMaxWindowBits, 15);
  ASSERT_TRUE(WsDeflateNegotiation::parseResponse(
      "other-ext, permessage-deflate; server_max_window_bits=11", &p));
  EXPECT_EQ(p.serverMaxWindowBits, 11);
  EXPECT_FALSE(WsDeflateNegotiation::parseResponse("permessage-deflate, permessage-deflate", &p));
  EXPECT_FALSE(
      WsDeflateNegotiation::parseResponse("permessage-deflate; client_max_window_bits", &p));
  EXPECT_FALSE(WsDeflateNegotiation::parseResponse("other-ext", &p));
  EXPECT_FALSE(WsDeflateNegotiation::parseResponse("permessage-deflate; nope", &p));
}

}  // namespace
}  // namespace surge::protocol
